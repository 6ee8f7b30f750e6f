package io.agentx.health.internal;

/** One reason AgentX is not ready: a bundle that is not active, or a component that is not satisfied. */
record Problem(String bundle, String component, String reason) {
}
