package io.agentx.core.internal;

import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents that can be called, by id: an immutable snapshot replaced whenever an agent service comes or
 * goes, so that lookups on the request path take no lock. Of several services with one id, the one with the
 * highest service ranking (then lowest service id) serves until the router handles replicas.
 */
final class AgentDirectory {

    /** An agent service with what decides between services of the same id. */
    record Registration(Agent agent, String id, int ranking, long serviceId) {
        boolean outranks(Registration other) {
            return ranking != other.ranking ? ranking > other.ranking : serviceId < other.serviceId;
        }
    }

    private final Map<Long, Registration> registrations = new java.util.HashMap<>();
    private volatile Map<String, Agent> byId = Map.of();

    synchronized void add(Agent agent, Map<String, Object> properties) {
        Object id = properties.get(AgentId.NAME);
        if (!(id instanceof String agentId) || agentId.isBlank()) {
            return;
        }
        Object ranking = properties.get("service.ranking");
        registrations.put((Long) properties.get("service.id"), new Registration(agent, agentId,
                ranking instanceof Integer value ? value : 0, (Long) properties.get("service.id")));
        rebuild();
    }

    synchronized void remove(Map<String, Object> properties) {
        if (registrations.remove((Long) properties.get("service.id")) != null) {
            rebuild();
        }
    }

    Agent get(String agentId) {
        return byId.get(agentId);
    }

    Map<String, Agent> all() {
        return byId;
    }

    private void rebuild() {
        Map<String, Registration> best = new TreeMap<>();
        for (Registration registration : registrations.values()) {
            best.merge(registration.id(), registration, (a, b) -> a.outranks(b) ? a : b);
        }
        Map<String, Agent> snapshot = new TreeMap<>();
        best.forEach((id, registration) -> snapshot.put(id, registration.agent()));
        byId = java.util.Collections.unmodifiableMap(snapshot);
    }
}
