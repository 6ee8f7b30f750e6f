package io.agentx.a2a.client;

import io.agentx.a2a.model.AgentInterface;
import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes {@link A2aClient}s that share one HTTP client (its connections and threads) and one set of options: for
 * a caller that connects to the same agents again and again, e.g. to re-read their cards. Thread-safe. Obtain it
 * from {@link A2aClients#connector(A2aClientOptions)}.
 */
@ProviderType
public interface A2aConnector {

    /** Like {@link A2aClients#connect(URI, A2aClientOptions)}, on this connector's HTTP client. */
    A2aClient connect(URI agentCardUrl);

    /** Like {@link A2aClients#create(AgentInterface, A2aClientOptions)}, on this connector's HTTP client. */
    A2aClient create(AgentInterface agentInterface);

    /**
     * A client for the interface that also sends {@code headers} with every request (replacing configured ones
     * of the same name), e.g. a caller's own credentials passed through.
     *
     * @throws IllegalArgumentException for a header the client sets itself or the JDK does not allow
     */
    A2aClient create(AgentInterface agentInterface, java.util.Map<String, String> headers);
}
