package io.agentx.router.internal.remote;

/** The remote agent's ids of a task AgentX knows under its own id. */
record RemoteTask(String taskId, String contextId) {
}
