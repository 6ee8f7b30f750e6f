package io.agentx.grpc.internal.plugin;

import io.agentx.a2a.model.AgentCard;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.TaskEvents;

/** An agent a plugin registered, as the {@link Agent} service the router sees: each call goes down its session. */
final class PluginAgent implements Agent {
    private final String agentId;
    private final AgentCard card;
    private final String framework;
    private final boolean resumesTasks;
    private final PluginSession session;

    PluginAgent(String agentId, AgentCard card, String framework, boolean resumesTasks, PluginSession session) {
        this.agentId = agentId;
        this.card = card;
        this.framework = framework;
        this.resumesTasks = resumesTasks;
        this.session = session;
    }

    String agentId() {
        return agentId;
    }

    /** Whether the plugin said the agent picks up its tasks again after AgentX restarted. */
    boolean resumesTasks() {
        return resumesTasks;
    }

    /** The framework the plugin declared for the agent, or "". */
    String framework() {
        return framework;
    }

    @Override
    public AgentCard card() {
        return card;
    }

    @Override
    public void execute(AgentRequest request, TaskEvents events) {
        session.execute(agentId, framework, request, events);
    }

    @Override
    public void cancel(AgentRequest request, TaskEvents events) {
        session.bridge().cancel(agentId, request.task().id(), events);
    }
}
