package io.agentx.management.internal;

import java.util.List;

/** A failed API call, answered as an RFC 9457 problem with the given status. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<FieldError> errors;

    ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    List<FieldError> errors() {
        return errors;
    }
}
