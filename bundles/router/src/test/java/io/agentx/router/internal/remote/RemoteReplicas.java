package io.agentx.router.internal.remote;

import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aClients;
import io.agentx.router.internal.ForwardingAgent;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Remote replicas for the router's tests in other packages. */
public final class RemoteReplicas {
    private RemoteReplicas() {
    }

    /** A replica of the remote agent whose card is at {@code cardUrl}, that card already fetched. */
    public static ForwardingAgent probed(String agentId, URI cardUrl) {
        RemoteReplica replica = new RemoteReplica(agentId, cardUrl, A2aClients.connector(A2aClientOptions.defaults()),
                new RemoteSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Optional.empty(), false),
                Runnable::run);
        replica.probe();
        return replica;
    }
}
