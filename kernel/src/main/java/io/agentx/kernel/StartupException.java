package io.agentx.kernel;

/** A reason AgentX cannot start, worded for the operator; printed as one line without a stack trace. */
final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
