package io.agentx.a2a.model;

/** The lifecycle state of a task. */
public enum TaskState {
    UNSPECIFIED, SUBMITTED, WORKING, COMPLETED, FAILED, CANCELED, INPUT_REQUIRED, REJECTED, AUTH_REQUIRED;

    /** Whether no further change can happen to a task in this state. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED || this == REJECTED;
    }

    /** Whether the task waits for the client (a follow-up message continues it). */
    public boolean isInterrupted() {
        return this == INPUT_REQUIRED || this == AUTH_REQUIRED;
    }

    /** The A2A 1.0 wire name, e.g. {@code TASK_STATE_COMPLETED}. */
    public String wireName() {
        return "TASK_STATE_" + name();
    }
}
