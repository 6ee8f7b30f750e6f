package io.agentx.api;

/**
 * Thrown by {@link Agent#execute} before it emitted any event when the request certainly did not reach the agent
 * (e.g. the connection to a remote agent was refused). The router may then send the request to another replica;
 * any other failure is never retried, so that an agent never receives a message twice.
 */
public class AgentUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be reached and why
     * @param cause the underlying failure, or {@code null}
     */
    public AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
