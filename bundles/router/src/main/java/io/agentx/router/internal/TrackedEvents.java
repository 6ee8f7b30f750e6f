package io.agentx.router.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.TaskEvents;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events of one request as a replica reports them, passed through unchanged; the first terminal or
 * interrupted state (or direct reply) closes the request's account with the replica: outstanding count, latency,
 * and whether it counts as a success for the replica's health.
 */
final class TrackedEvents implements TaskEvents, ReplicaFeedback {
    /** Told once when the request is over. */
    interface Outcome {
        void finished(Replica replica, long startNanos, boolean healthy, boolean taskOver);
    }

    private final TaskEvents events;
    private final Replica replica;
    private final long startNanos;
    private final Outcome outcome;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean transportFailed;

    TrackedEvents(TaskEvents events, Replica replica, long startNanos, Outcome outcome) {
        this.events = events;
        this.replica = replica;
        this.startNanos = startNanos;
        this.outcome = outcome;
    }

    @Override
    public String taskId() {
        return events.taskId();
    }

    @Override
    public String contextId() {
        return events.contextId();
    }

    @Override
    public void status(TaskState state, Message message) {
        events.status(state, message);
        if (state.isTerminal() || state.isInterrupted()) {
            close(state.isTerminal());
        }
    }

    @Override
    public void artifact(Artifact artifact, boolean append, boolean lastChunk) {
        events.artifact(artifact, append, lastChunk);
    }

    @Override
    public void failed(String reason) {
        events.failed(reason);
        close(true);
    }

    @Override
    public void rejected(A2aException error) {
        transportFailed = true; // as when the replica throws
        events.rejected(error);
        close(true);
    }

    @Override
    public void respond(Message message) {
        events.respond(message);
        close(true);
    }

    @Override
    public Message agentMessage(String text) {
        return events.agentMessage(text);
    }

    @Override
    public void transportFailed(String reason) {
        transportFailed = true;
    }

    /** The replica was not reached at all: closes the account as a failure; the task goes on elsewhere. */
    void unreachable() {
        transportFailed = true;
        close(false);
    }

    /** The replica threw: closes the account as a failure. */
    void threw() {
        transportFailed = true;
        close(true);
    }

    private void close(boolean taskOver) {
        if (closed.compareAndSet(false, true)) {
            outcome.finished(replica, startNanos, !transportFailed, taskOver);
        }
    }
}
