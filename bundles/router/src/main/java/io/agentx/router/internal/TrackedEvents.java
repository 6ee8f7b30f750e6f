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
 * and whether it counts as a success for the replica's health. An A2A error that says the request was at fault
 * (TaskNotFound, InvalidParams, an access denial…) is the replica doing its job: only server-side errors (those
 * answered with a 5xx status) and transport failures count against it, so bad requests cannot eject a replica.
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
    private volatile boolean replicaFailed;

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
        if (isReplicaFault(error)) {
            replicaFailed = true;
        }
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
    public void annotate(java.util.Map<String, Object> metadata) {
        events.annotate(metadata);
    }

    @Override
    public void transportFailed(String reason) {
        replicaFailed = true;
    }

    /** The replica was not reached at all: closes the account as a failure; the task goes on elsewhere. */
    void unreachable() {
        replicaFailed = true;
        close(false);
    }

    /** The replica threw: closes the account, as a failure unless it refused the request as the request's fault. */
    void threw(RuntimeException failure) {
        if (!(failure instanceof A2aException error) || isReplicaFault(error)) {
            replicaFailed = true;
        }
        close(true);
    }

    private static boolean isReplicaFault(A2aException error) {
        return error.error().httpStatus() >= 500;
    }

    private void close(boolean taskOver) {
        if (closed.compareAndSet(false, true)) {
            outcome.finished(replica, startNanos, !replicaFailed, taskOver);
        }
    }
}
