package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;

/** Error bodies of both bindings, each carrying a {@code google.rpc.ErrorInfo}. */
final class ErrorBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ErrorBodies() {
    }

    /** A JSON-RPC 2.0 error response. */
    static ObjectNode jsonRpc(JsonNode id, A2aException error) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NODES.nullNode() : id);
        ObjectNode body = response.putObject("error");
        body.put("code", error.error().code());
        body.put("message", error.getMessage());
        body.putArray("data").add(errorInfo(error));
        return response;
    }

    /** An HTTP+JSON error in the AIP-193 shape: {@code {"error":{"code","status","message","details"}}}. */
    static ObjectNode rest(A2aException error) {
        ObjectNode response = NODES.objectNode();
        ObjectNode body = response.putObject("error");
        body.put("code", error.error().httpStatus());
        body.put("status", error.error().grpcStatus());
        body.put("message", error.getMessage());
        body.putArray("details").add(errorInfo(error));
        return response;
    }

    private static ObjectNode errorInfo(A2aException error) {
        ObjectNode info = NODES.objectNode();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", error.error().reason());
        info.put("domain", A2aError.DOMAIN);
        if (!error.details().isEmpty()) {
            ObjectNode metadata = info.putObject("metadata");
            error.details().forEach(metadata::put);
        }
        return info;
    }
}
