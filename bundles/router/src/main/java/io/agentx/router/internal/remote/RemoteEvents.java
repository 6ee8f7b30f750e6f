package io.agentx.router.internal.remote;

import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.api.TaskEvents;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays what a remote agent reports about its task onto AgentX's task: statuses and artifacts pass through
 * (ids are AgentX's; {@link TaskEvents} places messages in AgentX's task), repeated states without news are
 * dropped, and the remote ids are reported once they are known.
 */
final class RemoteEvents {
    private final TaskEvents events;
    private final Consumer<RemoteTask> remoteIds;
    private final Set<String> artifactsSeen = new HashSet<>();
    private TaskState state;
    private boolean applied;
    private boolean settled;
    private boolean replied;

    RemoteEvents(TaskEvents events, TaskState current, Consumer<RemoteTask> remoteIds) {
        this.events = events;
        this.state = current;
        this.remoteIds = remoteIds;
    }

    /** Whether anything reached AgentX's task yet (after that, the request cannot be retried elsewhere). */
    boolean applied() {
        return applied;
    }

    /** Whether the task reached a terminal state (or the agent replied with a message): nothing follows. */
    boolean finished() {
        return replied || state != null && state.isTerminal();
    }

    /** Whether the task finished or waits for input (or the agent replied with a message). */
    boolean settled() {
        return settled;
    }

    void apply(StreamEvent event) {
        if (event instanceof Message reply) {
            applied = true;
            replied = true;
            settled = true;
            events.respond(reply);
        } else if (event instanceof Task task) {
            remoteIds.accept(new RemoteTask(task.id(), task.contextId()));
            for (Artifact artifact : task.artifacts()) {
                if (artifactsSeen.add(artifact.artifactId())) {
                    artifact(artifact, false, true);
                }
            }
            status(task.status().state(), task.status().message());
        } else if (event instanceof TaskStatusUpdateEvent update) {
            remoteIds.accept(new RemoteTask(update.taskId(), update.contextId()));
            status(update.status().state(), update.status().message());
        } else if (event instanceof TaskArtifactUpdateEvent update) {
            artifactsSeen.add(update.artifact().artifactId());
            artifact(update.artifact(), update.append(), update.lastChunk());
        }
    }

    /** AgentX stops following the remote task: its own task fails with {@code reason}. */
    void giveUp(String reason) {
        applied = true;
        settled = true;
        state = TaskState.FAILED;
        try {
            events.failed(reason);
        } catch (IllegalStateException alreadyFinal) {
            // the task ended meanwhile (e.g. canceled)
        }
    }

    private void artifact(Artifact artifact, boolean append, boolean lastChunk) {
        applied = true;
        events.artifact(artifact, append, lastChunk);
    }

    private void status(TaskState next, Message message) {
        if (next == TaskState.SUBMITTED || next == TaskState.UNSPECIFIED || next == state && message == null) {
            return;
        }
        applied = true;
        state = next;
        if (next.isTerminal() || next.isInterrupted()) {
            settled = true;
        }
        events.status(next, message);
    }
}
