package io.agentx.a2a.model;

/** The errors of the A2A protocol (1.0.1 table), with their JSON-RPC code, HTTP status and ErrorInfo reason. */
public enum A2aError {
    PARSE_ERROR(-32700, 400, "INVALID_ARGUMENT", "PARSE_ERROR"),
    INVALID_REQUEST(-32600, 400, "INVALID_ARGUMENT", "INVALID_REQUEST"),
    METHOD_NOT_FOUND(-32601, 404, "UNIMPLEMENTED", "METHOD_NOT_FOUND"),
    INVALID_PARAMS(-32602, 400, "INVALID_ARGUMENT", "INVALID_PARAMS"),
    INTERNAL_ERROR(-32603, 500, "INTERNAL", "INTERNAL_ERROR"),
    TASK_NOT_FOUND(-32001, 404, "NOT_FOUND", "TASK_NOT_FOUND"),
    TASK_NOT_CANCELABLE(-32002, 400, "FAILED_PRECONDITION", "TASK_NOT_CANCELABLE"),
    PUSH_NOTIFICATION_NOT_SUPPORTED(-32003, 400, "FAILED_PRECONDITION", "PUSH_NOTIFICATION_NOT_SUPPORTED"),
    UNSUPPORTED_OPERATION(-32004, 400, "FAILED_PRECONDITION", "UNSUPPORTED_OPERATION"),
    CONTENT_TYPE_NOT_SUPPORTED(-32005, 400, "INVALID_ARGUMENT", "CONTENT_TYPE_NOT_SUPPORTED"),
    INVALID_AGENT_RESPONSE(-32006, 500, "INTERNAL", "INVALID_AGENT_RESPONSE"),
    EXTENDED_AGENT_CARD_NOT_CONFIGURED(-32007, 400, "FAILED_PRECONDITION", "EXTENDED_AGENT_CARD_NOT_CONFIGURED"),
    EXTENSION_SUPPORT_REQUIRED(-32008, 400, "FAILED_PRECONDITION", "EXTENSION_SUPPORT_REQUIRED"),
    VERSION_NOT_SUPPORTED(-32009, 400, "FAILED_PRECONDITION", "VERSION_NOT_SUPPORTED"),
    /**
     * Not in the A2A table: AgentX could not reach any instance of the agent (all down, ejected or refusing), so
     * the request was not processed and may be retried later. A server error code of JSON-RPC's reserved range.
     */
    AGENT_UNAVAILABLE(-32050, 503, "UNAVAILABLE", "AGENT_UNAVAILABLE"),
    /**
     * Not in the A2A table: AgentX's task store (its database) cannot be reached, so nothing was accepted; retry
     * later. Service resumes by itself when the database is back.
     */
    STORE_UNAVAILABLE(-32051, 503, "UNAVAILABLE", "STORE_UNAVAILABLE"),
    /**
     * Not in the A2A table: a stream's reader fell so far behind its task's events that AgentX closed the stream
     * rather than buffer without bound or hold up the agent. The task goes on; SubscribeToTask (with
     * {@code Last-Event-ID}) or GetTask catches up. gRPC RESOURCE_EXHAUSTED.
     */
    STREAM_READER_TOO_SLOW(-32052, 429, "RESOURCE_EXHAUSTED", "STREAM_READER_TOO_SLOW"),
    /**
     * Not in the A2A table (the spec leaves authentication errors to each binding): the credentials are missing
     * or do not verify. HTTP 401 with a {@code WWW-Authenticate} challenge, gRPC UNAUTHENTICATED.
     */
    UNAUTHENTICATED(-32040, 401, "UNAUTHENTICATED", "UNAUTHENTICATED"),
    /** Not in the A2A table: the caller is authenticated but may not do this. HTTP 403, gRPC PERMISSION_DENIED. */
    PERMISSION_DENIED(-32041, 403, "PERMISSION_DENIED", "PERMISSION_DENIED"),
    /**
     * Not in the A2A table: the caller (or its tenant) is over its rate limit. HTTP 429 with {@code Retry-After},
     * gRPC RESOURCE_EXHAUSTED.
     */
    RATE_LIMITED(-32042, 429, "RESOURCE_EXHAUSTED", "RATE_LIMITED");

    /** The ErrorInfo domain of every A2A error. */
    public static final String DOMAIN = "a2a-protocol.org";

    private final int code;
    private final int httpStatus;
    private final String grpcStatus;
    private final String reason;

    A2aError(int code, int httpStatus, String grpcStatus, String reason) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.grpcStatus = grpcStatus;
        this.reason = reason;
    }

    /** Whether this is a refusal by AgentX's security (401, 403, 429), which every binding answers with its status. */
    public boolean isAccessDenial() {
        return this == UNAUTHENTICATED || this == PERMISSION_DENIED || this == RATE_LIMITED;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The HTTP status of the HTTP+JSON binding. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The gRPC status name, also the {@code status} of an AIP-193 error body. */
    public String grpcStatus() {
        return grpcStatus;
    }

    /** The {@code google.rpc.ErrorInfo} reason. */
    public String reason() {
        return reason;
    }
}
