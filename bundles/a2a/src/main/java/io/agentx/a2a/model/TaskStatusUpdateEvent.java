package io.agentx.a2a.model;

import java.util.Map;

/** A task's status changed. */
public record TaskStatusUpdateEvent(String taskId, String contextId, TaskStatus status, Map<String, Object> metadata)
        implements StreamEvent {

    public TaskStatusUpdateEvent {
        metadata = Values.map(metadata);
    }
}
