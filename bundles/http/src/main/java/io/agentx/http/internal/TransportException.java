package io.agentx.http.internal;

import io.agentx.a2a.model.A2aException;

/** An A2A error that must also change the HTTP status of a JSON-RPC answer (413, 415…). */
final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final A2aException error;

    TransportException(int httpStatus, A2aException error) {
        super(error.getMessage());
        this.httpStatus = httpStatus;
        this.error = error;
    }

    int httpStatus() {
        return httpStatus;
    }

    A2aException error() {
        return error;
    }
}
