package io.agentx.router.internal;

import io.agentx.a2a.model.AgentCard;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.AgentRequest;
import io.agentx.api.TaskEvents;
import io.agentx.router.internal.health.HealthSettings;
import java.util.HashMap;
import java.util.Map;

/** What the router benchmarks share: a trivial agent and the service properties a replica registers with. */
final class BenchAgents {

    private BenchAgents() {
    }

    /** An agent that does nothing: the benchmarks only route, they never execute. */
    static final class NoopAgent implements Agent {
        @Override
        public AgentCard card() {
            return null;
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            events.failed("benchmark agent");
        }
    }

    /** The id of the agent with this index: "agent-000042". */
    static String agentId(int index) {
        return String.format("agent-%06d", index);
    }

    /** The properties of one replica's Agent service, as the OSGi registry hands them to the router. */
    static Map<String, Object> properties(String agentId, int replica, long serviceId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AgentId.NAME, agentId);
        properties.put("service.id", serviceId);
        properties.put(AgentReplica.NAME, "http://replica-" + replica + ".example:9999/.well-known/agent-card.json");
        return properties;
    }

    /** A directory whose every agent uses the given strategy, with the router's default health settings. */
    static AgentDirectory directory(String strategy) {
        return new AgentDirectory(agentId -> strategy, HealthSettings.defaults());
    }
}
