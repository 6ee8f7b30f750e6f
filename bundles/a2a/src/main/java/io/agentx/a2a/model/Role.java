package io.agentx.a2a.model;

/** Who sent a message. */
public enum Role {
    UNSPECIFIED, USER, AGENT;

    /** The A2A 1.0 wire name, e.g. {@code ROLE_USER}. */
    public String wireName() {
        return "ROLE_" + name();
    }
}
