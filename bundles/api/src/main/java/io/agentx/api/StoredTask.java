package io.agentx.api;

import io.agentx.a2a.model.Task;

/**
 * A stored task with its tenant ({@code null}: the default one) and the agent last working on it ({@code null}
 * if not known), as recovery after a restart reads it.
 */
public record StoredTask(String tenant, Task task, String agentId) {
}
