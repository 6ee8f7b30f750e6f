package io.agentx.a2a.client;

import io.agentx.a2a.client.internal.ClientFactory;
import io.agentx.a2a.model.AgentInterface;
import java.net.URI;

/**
 * Creates {@link A2aClient}s. Each client (or each {@link A2aConnector} and the clients it makes) has its own
 * Jetty HTTP client (HTTP/1.1, pooled connections, no redirects, daemon threads) configured from the
 * {@link A2aClientOptions}; it stops once no client or connector using it is reachable.
 *
 * <pre>{@code
 * A2aClient echo = A2aClients.connect(URI.create("https://agents.example.com/agents/echo/.well-known/agent-card.json"),
 *         A2aClientOptions.builder().bearerToken(token).build());
 * StreamEvent answer = echo.sendMessage(Message.text(UUID.randomUUID().toString(), Role.USER, "hello"));
 * }</pre>
 */
public final class A2aClients {
    private A2aClients() {
    }

    /** {@link #connect(URI, A2aClientOptions)} with the default options. */
    public static A2aClient connect(URI agentCardUrl) {
        return connect(agentCardUrl, A2aClientOptions.defaults());
    }

    /**
     * Fetches the agent card and returns a client for the best interface it offers: the preferred version, else
     * A2A 1.0, else 0.3; the preferred binding among those; then the card's order. A card without
     * {@code supportedInterfaces} is read as a 0.3 card ({@code url}, {@code preferredTransport},
     * {@code additionalInterfaces}).
     *
     * @throws A2aClientException when the card cannot be fetched or read, or offers no interface this client
     *         speaks ({@link A2aClientException.Failure#INCOMPATIBLE_AGENT})
     */
    public static A2aClient connect(URI agentCardUrl, A2aClientOptions options) {
        return new ClientFactory(options).connect(agentCardUrl);
    }

    /** A connector whose clients share one HTTP client configured from {@code options}. */
    public static A2aConnector connector(A2aClientOptions options) {
        return new ClientFactory(options);
    }

    /**
     * A client for a known interface, without reading a card.
     *
     * @param agentInterface the absolute URL, the binding ({@link AgentInterface#JSONRPC} or
     *        {@link AgentInterface#HTTP_JSON}), the version ({@code 1.0} or {@code 0.3}) and
     *        the tenant or {@code null}
     * @throws IllegalArgumentException when the client does not speak that binding and version
     */
    public static A2aClient create(AgentInterface agentInterface, A2aClientOptions options) {
        return new ClientFactory(options).create(agentInterface, (io.agentx.a2a.model.AgentCard) null);
    }
}
