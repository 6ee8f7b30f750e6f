package io.agentx.a2a.model;

import java.util.Map;

/** A protocol error to report to the client, with a message that names what was wrong. */
public class A2aException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final A2aError error;
    private final transient Map<String, String> details;

    public A2aException(A2aError error, String message) {
        this(error, message, Map.of());
    }

    public A2aException(A2aError error, String message, Map<String, String> details) {
        super(message);
        this.error = error;
        this.details = Map.copyOf(details);
    }

    /** Which protocol error this is. */
    public A2aError error() {
        return error;
    }

    /** ErrorInfo metadata, e.g. the offending field or task id. */
    public Map<String, String> details() {
        return details;
    }

    /** An invalid-parameters error naming the field. */
    public static A2aException invalid(String field, String problem) {
        return new A2aException(A2aError.INVALID_PARAMS, field + ": " + problem, Map.of("field", field));
    }
}
