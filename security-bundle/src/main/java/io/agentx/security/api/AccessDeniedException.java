package io.agentx.security.api;

/**
 * A call AgentX refuses: the caller is not authenticated, not allowed, or over its rate limit. The message
 * says why in terms the caller can act on and never repeats a credential. Transports map the reason to their
 * status: HTTP 401/403/429, gRPC UNAUTHENTICATED/PERMISSION_DENIED/RESOURCE_EXHAUSTED.
 */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call was refused. */
    public enum Reason {
        /** No credentials, or credentials that could not be verified. */
        UNAUTHENTICATED,
        /** A verified caller that may not do this. */
        FORBIDDEN,
        /** A verified caller that sent too many requests; it may retry later. */
        RATE_LIMITED
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public AccessDeniedException(Reason reason, String message) {
        this(reason, message, 0);
    }

    public AccessDeniedException(Reason reason, String message, long retryAfterSeconds) {
        super(message, null, false, false); // refusals are routine: no stack trace to fill
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#RATE_LIMITED}: how many seconds until a retry may succeed; else 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
