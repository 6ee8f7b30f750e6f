package io.agentx.a2a.model;

import java.util.Map;

/** A protocol extension an agent supports. */
public record AgentExtension(String uri, String description, boolean required, Map<String, Object> params) {
    public AgentExtension {
        params = Values.map(params);
    }
}
