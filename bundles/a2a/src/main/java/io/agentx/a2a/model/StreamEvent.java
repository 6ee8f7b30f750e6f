package io.agentx.a2a.model;

/** What a stream carries: a task snapshot, a message, a status update or an artifact update. */
public sealed interface StreamEvent permits Task, Message, TaskStatusUpdateEvent, TaskArtifactUpdateEvent {
}
