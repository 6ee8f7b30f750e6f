package io.agentx.a2a.client;

import java.net.URI;

/**
 * The agent could not be called: it was unreachable, too slow, answered with something other than A2A, or the
 * call was aborted. Unlike an {@link io.agentx.a2a.model.A2aException}, this is not an answer of the agent.
 * {@link #mayHaveReachedAgent()} tells whether the agent may have received (and acted on) the request, which
 * decides whether it is safe to send it to another agent instead: it did not when no connection could be made or
 * the connection failed before the whole request was written; after that, it may have.
 */
public class A2aClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Failure {
        /** No connection could be made (refused, unknown host, connect timeout, TLS handshake): nothing was sent. */
        CONNECT(false),
        /**
         * The connection failed (reset, closed) before the whole request was written: the agent cannot have read
         * it.
         */
        NOT_SENT(false),
        /** The agent's card offers no interface this client speaks: nothing was sent. */
        INCOMPATIBLE_AGENT(false),
        /** No answer within the request timeout, or no stream data within the stream read timeout. */
        TIMEOUT(true),
        /** The connection broke after the whole request was sent, or while the answer was read. */
        CONNECTION_LOST(true),
        /** The agent (or a proxy before it) answered with an HTTP error status and no A2A error. */
        HTTP_STATUS(true),
        /** The answer is not the JSON this client expects (not JSON, wrong shape, too large). */
        INVALID_RESPONSE(true),
        /** The calling thread was interrupted while waiting. */
        ABORTED(true);

        private final boolean mayHaveReachedAgent;

        Failure(boolean mayHaveReachedAgent) {
            this.mayHaveReachedAgent = mayHaveReachedAgent;
        }
    }

    private final Failure failure;
    private final URI uri;
    private final int httpStatus;

    /**
     * @param failure what went wrong
     * @param uri the URL that was called
     * @param httpStatus the HTTP status of the answer, or 0 if there was none
     * @param message what went wrong, in words
     * @param cause the underlying exception, or {@code null}
     */
    public A2aClientException(Failure failure, URI uri, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.uri = uri;
        this.httpStatus = httpStatus;
    }

    /** What went wrong. */
    public Failure failure() {
        return failure;
    }

    /**
     * Whether the agent may have received the request. {@code false} means it certainly did not (the connection
     * was refused, or failed before the whole request was written), so the request can safely be sent elsewhere;
     * {@code true} means it may have been processed, so only idempotent requests should be repeated.
     */
    public boolean mayHaveReachedAgent() {
        return failure.mayHaveReachedAgent;
    }

    /** The URL that was called. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status of the agent's answer, or 0 if there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
