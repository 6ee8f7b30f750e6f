package io.agentx.api;

import io.agentx.a2a.model.AgentInterface;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport that serves agents besides the HTTP bindings, e.g. gRPC. While such a service is registered, the
 * agent cards AgentX serves list its interfaces; when it goes away they drop them.
 */
@ConsumerType
public interface AgentTransport {

    /**
     * The interfaces this transport serves an agent at.
     *
     * @param host the host name the client used to reach AgentX (the card request's), for the URLs
     * @param agentId the agent, or {@code null} for the gateway
     */
    List<AgentInterface> interfaces(String host, String agentId);
}
