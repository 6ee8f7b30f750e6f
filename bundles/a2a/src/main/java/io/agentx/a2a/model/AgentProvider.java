package io.agentx.a2a.model;

/** The organisation that offers an agent. */
public record AgentProvider(String organization, String url) {
}
