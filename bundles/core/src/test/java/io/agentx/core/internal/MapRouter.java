package io.agentx.core.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import io.agentx.router.api.AgentRouter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One agent per id, no balancing: what the task manager's own tests need from a router. */
final class MapRouter implements AgentRouter {
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    void add(String agentId, Agent agent) {
        agents.put(agentId, agent);
    }

    @Override
    public List<String> agentIds() {
        return List.copyOf(new TreeMap<>(agents).keySet());
    }

    @Override
    public Optional<AgentCard> card(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(Agent::card);
    }

    @Override
    public String resolve(RequestContext context, Message message) {
        throw new A2aException(A2aError.INVALID_PARAMS, "no routes", Map.of());
    }

    private final java.util.Set<String> resuming = ConcurrentHashMap.newKeySet();

    /** Declares that an agent resumes tasks after a restart. */
    void resumes(String agentId) {
        resuming.add(agentId);
    }

    @Override
    public boolean resumesTasks(String agentId) {
        return agents.containsKey(agentId) && resuming.contains(agentId);
    }

    @Override
    public Optional<String> agentOf(String taskId) {
        return Optional.empty();
    }

    @Override
    public void execute(String agentId, AgentRequest request, TaskEvents events) {
        agents.get(agentId).execute(request, events);
    }

    @Override
    public void cancel(String agentId, AgentRequest request, TaskEvents events) {
        agents.get(agentId).cancel(request, events);
    }

    @Override
    public void checkFollowUp(String agentId, io.agentx.a2a.model.Task task) {
        // one instance per agent: nothing to check
    }
}
