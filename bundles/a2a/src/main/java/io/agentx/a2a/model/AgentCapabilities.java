package io.agentx.a2a.model;

import java.util.List;

/** Optional protocol features an agent supports. */
public record AgentCapabilities(boolean streaming, boolean pushNotifications, List<AgentExtension> extensions,
        boolean extendedAgentCard) {
    public static final AgentCapabilities NONE = new AgentCapabilities(false, false, List.of(), false);

    public AgentCapabilities {
        extensions = Values.list(extensions);
    }
}
