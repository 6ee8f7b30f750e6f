package io.agentx.kernel;

/** The command line or environment asked for something that does not make sense. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
