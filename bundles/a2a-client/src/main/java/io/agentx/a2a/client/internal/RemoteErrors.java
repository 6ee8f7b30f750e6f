package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The A2A errors an agent reports, as the {@link A2aException}s it meant: JSON-RPC errors by their code (then by
 * their ErrorInfo reason), HTTP+JSON (AIP-193) errors by their ErrorInfo reason (then by status). The agent's
 * message is kept as it is; ErrorInfo metadata become the exception's details.
 */
final class RemoteErrors {
    static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    private RemoteErrors() {
    }

    /** A JSON-RPC {@code error} object: {@code {"code":-32001,"message":"…","data":[{"@type":"…ErrorInfo",…}]}}. */
    static A2aException fromJsonRpc(JsonNode error) {
        JsonNode code = error.path("code");
        JsonNode info = errorInfo(error.get("data"));
        Map<String, String> details = metadata(info);
        Optional<A2aError> byCode = code.isIntegralNumber()
                ? Arrays.stream(A2aError.values()).filter(known -> known.code() == code.intValue()).findFirst()
                : Optional.empty();
        A2aError mapped = byCode.or(() -> byReason(info)).orElse(A2aError.INTERNAL_ERROR);
        if (byCode.isEmpty()) {
            details.put("code", code.asText("(none)"));
        }
        return new A2aException(mapped, message(error, "JSON-RPC error " + code.asText("without a code")), details);
    }

    /**
     * An HTTP+JSON error body: {@code {"error":{"code":404,"status":"NOT_FOUND","message":"…","details":[…]}}}.
     *
     * @return empty if the body is not such an error
     */
    static Optional<A2aException> fromRest(int httpStatus, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject() || !(error.has("message") || error.has("status"))) {
            return Optional.empty();
        }
        JsonNode info = errorInfo(error.get("details"));
        String status = error.path("status").asText("");
        A2aError mapped = byReason(info).or(() -> byStatus(httpStatus, status))
                .orElse(httpStatus >= 500 ? A2aError.INTERNAL_ERROR : A2aError.INVALID_REQUEST);
        Map<String, String> details = metadata(info);
        if (info == null) {
            details.put("httpStatus", Integer.toString(httpStatus));
        }
        return Optional.of(new A2aException(mapped, message(error, "HTTP " + httpStatus + " " + status), details));
    }

    /** The ErrorInfo among the details: an array of {@code Any} objects, or (0.3 style) one object. */
    private static JsonNode errorInfo(JsonNode details) {
        if (details == null) {
            return null;
        }
        List<JsonNode> candidates = new java.util.ArrayList<>();
        if (details.isArray()) {
            details.forEach(candidates::add);
        } else {
            candidates.add(details);
        }
        return candidates.stream().filter(JsonNode::isObject)
                .filter(item -> ERROR_INFO.equals(item.path("@type").asText()) || item.path("reason").isTextual())
                .findFirst().orElse(null);
    }

    private static Optional<A2aError> byReason(JsonNode info) {
        String reason = info == null ? null : info.path("reason").asText(null);
        return Arrays.stream(A2aError.values()).filter(known -> known.reason().equals(reason)).findFirst();
    }

    /**
     * The one error with this HTTP status and gRPC status name, if only one has them. A remote agent's own task
     * store is its business: an unexplained 503 UNAVAILABLE from it means the agent is unavailable.
     */
    private static Optional<A2aError> byStatus(int httpStatus, String status) {
        List<A2aError> matching = Arrays.stream(A2aError.values())
                .filter(known -> known != A2aError.STORE_UNAVAILABLE)
                .filter(known -> known.httpStatus() == httpStatus && known.grpcStatus().equals(status)).toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private static Map<String, String> metadata(JsonNode info) {
        Map<String, String> details = new LinkedHashMap<>();
        if (info != null && info.path("metadata").isObject()) {
            info.get("metadata").properties().forEach(field ->
                    details.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString()));
        }
        return details;
    }

    private static String message(JsonNode error, String fallback) {
        JsonNode message = error.get("message");
        return message != null && message.isTextual() && !message.textValue().isBlank() ? message.textValue()
                : "the agent reported " + fallback + " without a message";
    }
}
