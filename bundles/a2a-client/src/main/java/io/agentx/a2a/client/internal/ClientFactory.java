package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aConnector;
import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.json.A2aJson03;
import io.agentx.a2a.json.A2aProtoJson03;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import java.net.URI;
import java.util.Objects;

/** Builds the client for an interface, or for the best interface of an agent card; behind {@code A2aClients}. */
public final class ClientFactory implements A2aConnector {
    private final A2aClientOptions options;
    private final A2aJson json = new A2aJson();
    private final A2aJson03 json03 = new A2aJson03(json);
    private final A2aProtoJson03 proto03 = new A2aProtoJson03(json);
    private final JettyTransport http;

    public ClientFactory(A2aClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = new JettyTransport(options.connectTimeout());
    }

    /** Reads the card, chooses its interface and returns a client for it. */
    @Override
    public A2aClient connect(URI agentCardUrl) {
        Objects.requireNonNull(agentCardUrl, "agentCardUrl");
        AgentCard card = new CardLoader(new HttpExchange(http, options, null), json03, json.mapper()).load(agentCardUrl);
        AgentInterface chosen = InterfaceSelector.select(card, agentCardUrl, options.preferredVersion(),
                options.preferredBinding());
        return create(chosen, card);
    }

    /**
     * A client for the interface.
     *
     * @param card the card it was chosen from, or {@code null}
     * @throws IllegalArgumentException when this client does not speak the interface's binding and version
     */
    @Override
    public A2aClient create(AgentInterface agentInterface) {
        return create(agentInterface, null, options);
    }

    @Override
    public A2aClient create(AgentInterface agentInterface, java.util.Map<String, String> headers) {
        A2aClientOptions.Builder withHeaders = options.toBuilder();
        headers.forEach(withHeaders::header);
        return create(agentInterface, null, withHeaders.build());
    }

    public A2aClient create(AgentInterface agentInterface, AgentCard card) {
        return create(agentInterface, card, options);
    }

    private A2aClient create(AgentInterface agentInterface, AgentCard card, A2aClientOptions options) {
        Objects.requireNonNull(agentInterface, "agentInterface");
        Objects.requireNonNull(agentInterface.url(), "agentInterface.url");
        if (!InterfaceSelector.supported(agentInterface)) {
            throw new IllegalArgumentException("this client speaks JSONRPC and HTTP+JSON at A2A 1.0 and 0.3, not "
                    + agentInterface.protocolBinding() + " at " + agentInterface.protocolVersion());
        }
        URI url = URI.create(agentInterface.url());
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("the interface URL must be an absolute http(s) URL, got " + url);
        }
        String version = InterfaceSelector.majorMinor(agentInterface.protocolVersion());
        AgentInterface normalized = new AgentInterface(agentInterface.url(), agentInterface.protocolBinding(), version,
                agentInterface.tenant());
        HttpExchange exchange = new HttpExchange(http, options, version);
        if (InterfaceSelector.V0_3.equals(version) && AgentInterface.HTTP_JSON.equals(agentInterface.protocolBinding())) {
            return new Rest03Client(normalized, card, RestChannel.v03(exchange, proto03), proto03);
        }
        if (InterfaceSelector.V0_3.equals(version)) {
            return new JsonRpc03Client(normalized, card, new JsonRpcChannel(exchange, url, json.mapper()), json03);
        }
        if (AgentInterface.HTTP_JSON.equals(agentInterface.protocolBinding())) {
            return new RestClient(normalized, card, new RestChannel(exchange, json.mapper()), json);
        }
        return new JsonRpcClient(normalized, card, new JsonRpcChannel(exchange, url, json.mapper()), json);
    }
}
