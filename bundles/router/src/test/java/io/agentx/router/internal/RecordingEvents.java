package io.agentx.router.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.TaskEvents;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.UUID;

/** Task events that record what an agent reported, including a transport failure of a proxy. */
public final class RecordingEvents implements TaskEvents, ReplicaFeedback {
    public final List<TaskState> states = new CopyOnWriteArrayList<>();
    public final List<Artifact> artifacts = new CopyOnWriteArrayList<>();
    public volatile String transportFailure;
    public volatile A2aException rejection;
    public volatile String failure;
    /** What the agent asked to keep in the task's metadata. */
    public final java.util.Map<String, Object> annotations = new java.util.concurrent.ConcurrentHashMap<>();
    private final Task task;

    public RecordingEvents(Task task) {
        this.task = task;
    }

    public Task task() {
        return task;
    }

    @Override
    public String taskId() {
        return task.id();
    }

    @Override
    public String contextId() {
        return task.contextId();
    }

    @Override
    public void status(TaskState state, Message message) {
        states.add(state);
    }

    @Override
    public void artifact(Artifact artifact, boolean append, boolean lastChunk) {
        artifacts.add(artifact);
    }

    @Override
    public void failed(String reason) {
        failure = reason;
        states.add(TaskState.FAILED);
    }

    @Override
    public void rejected(A2aException error) {
        rejection = error;
    }

    @Override
    public void respond(Message message) {
    }

    @Override
    public void annotate(java.util.Map<String, Object> metadata) {
        annotations.putAll(metadata);
    }

    @Override
    public Message agentMessage(String text) {
        return Message.text(UUID.randomUUID().toString(), Role.AGENT, text);
    }

    @Override
    public void transportFailed(String reason) {
        transportFailure = reason;
    }
}
