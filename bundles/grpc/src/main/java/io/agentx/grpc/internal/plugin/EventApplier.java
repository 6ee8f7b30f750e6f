package io.agentx.grpc.internal.plugin;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.TaskEvents;
import io.agentx.grpc.internal.a2a.ProtoReader;
import io.agentx.grpc.plugin.v1.ArtifactChunk;
import io.agentx.grpc.plugin.v1.TaskEvent;

/**
 * Applies what a plugin reports on a task to the task, validated like any A2A input: a malformed event is refused
 * with an {@link A2aException} naming the field, an event the task's state does not allow with an
 * {@link IllegalStateException}.
 */
final class EventApplier {
    private static final TaskState[] STATES = TaskState.values();

    private final ProtoReader read;

    EventApplier(ProtoReader read) {
        this.read = read;
    }

    /** Applies the event; returns whether it ends the plugin's turn on the task (terminal, interrupted or a reply). */
    boolean apply(TaskEvent event, TaskEvents events) {
        switch (event.getEventCase()) {
            case STATUS -> {
                int number = event.getStatus().getStateValue();
                if (number <= TaskState.SUBMITTED.ordinal() || number >= STATES.length) {
                    throw A2aException.invalid("event.status.state", "must be a state an agent reports "
                            + "(TASK_STATE_WORKING, _COMPLETED, _FAILED, _CANCELED, _INPUT_REQUIRED, _REJECTED, _AUTH_REQUIRED)");
                }
                TaskState state = STATES[number];
                Message message = event.getStatus().hasMessage()
                        ? placed(read.message(event.getStatus().getMessage(), "event.status.message"), events)
                        : null;
                events.status(state, message);
                return state.isTerminal() || state.isInterrupted();
            }
            case ARTIFACT -> {
                ArtifactChunk chunk = event.getArtifact();
                if (!chunk.hasArtifact()) {
                    throw A2aException.invalid("event.artifact.artifact", "is required");
                }
                Artifact artifact = read.artifact(chunk.getArtifact(), "event.artifact.artifact");
                events.artifact(artifact, chunk.getAppend(), chunk.getLastChunk());
                return false;
            }
            case REPLY -> {
                events.respond(placed(read.message(event.getReply(), "event.reply"), events));
                return true;
            }
            default -> throw A2aException.invalid("event", "must hold a status, an artifact or a reply");
        }
    }

    /** The message in the task's context, as SDKs may leave the ids out. */
    private static Message placed(Message message, TaskEvents events) {
        if (message.taskId() != null && message.contextId() != null) {
            return message;
        }
        return message.withTask(message.taskId() == null ? events.taskId() : message.taskId(),
                message.contextId() == null ? events.contextId() : message.contextId());
    }
}
