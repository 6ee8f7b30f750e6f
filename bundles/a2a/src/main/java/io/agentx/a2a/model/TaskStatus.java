package io.agentx.a2a.model;

import java.time.Instant;

/**
 * The state of a task at one moment.
 *
 * @param state the lifecycle state
 * @param message an agent message explaining the state, or {@code null}
 * @param timestamp when the state was entered, or {@code null}
 */
public record TaskStatus(TaskState state, Message message, Instant timestamp) {

    public static TaskStatus of(TaskState state) {
        return new TaskStatus(state, null, Instant.now());
    }
}
