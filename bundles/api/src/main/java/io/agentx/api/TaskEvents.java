package io.agentx.api;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.TaskState;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How an agent reports on a task. Calls are applied in order; once the task is terminal further calls
 * throw {@link IllegalStateException}. Thread-safe.
 */
@ProviderType
public interface TaskEvents {

    /** The id of the task being worked on. */
    String taskId();

    /** The conversation the task belongs to. */
    String contextId();

    /**
     * Moves the task to a new state, with an optional agent message (added to the history).
     *
     * @throws IllegalStateException if the task is already in a terminal state
     */
    void status(TaskState state, Message message);

    /** Adds an artifact, or a chunk of one ({@code append}: extends the artifact with the same id). */
    void artifact(Artifact artifact, boolean append, boolean lastChunk);

    /** Completes the task, with an optional final agent message. */
    default void completed(Message message) {
        status(TaskState.COMPLETED, message);
    }

    /** Fails the task with a reason the client will see. */
    void failed(String reason);

    /**
     * Reports, as the only event, that the request could not be handed to the agent (e.g. every replica refused the
     * connection, or the agent rejected the message with an A2A error): a client waiting for the task gets
     * {@code error} and no task is kept. A task a client already knows about, or one with events, fails with the
     * error's message instead, as {@link #failed} would.
     */
    default void rejected(A2aException error) {
        failed(error.getMessage());
    }

    /** Marks the task canceled. */
    default void cancelled() {
        status(TaskState.CANCELED, null);
    }

    /** Asks the client for more input; a follow-up message on this task continues it. */
    default void inputRequired(Message question) {
        status(TaskState.INPUT_REQUIRED, question);
    }

    /**
     * Answers with a single message instead of a task: allowed only as the agent's first and only event.
     * The client receives the message; no task is kept.
     *
     * @throws IllegalStateException if the task already changed
     */
    void respond(Message message);

    /** A message addressed to the agent's role, in this task's context, with a fresh id. */
    Message agentMessage(String text);

    /**
     * Adds entries to the task's metadata, shown to clients with it: what the agent needs to find again after a
     * restart (e.g. the id a remote agent gave the task). No event of its own: it is stored with the task's next
     * event, so annotate before the event that settles the task (one after the last event stays in memory only).
     *
     * @throws IllegalStateException if the task is already in a terminal state or was answered with a message
     */
    void annotate(Map<String, Object> metadata);
}
