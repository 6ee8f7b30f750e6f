package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.PushConfigPage;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.api.A2aService;
import io.agentx.api.EventStream;
import io.agentx.api.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The JSON-RPC 2.0 binding of one agent: decodes the envelope, dispatches the method, encodes the answer. */
final class JsonRpcHandler {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final A2aService service;
    private final A2aJson json;
    private final Limits limits;
    private final SseWriter sse;
    private final LegacyJsonRpc legacy;

    JsonRpcHandler(A2aService service, A2aJson json, Limits limits, LegacyJsonRpc legacy) {
        this.service = service;
        this.json = json;
        this.limits = limits;
        this.sse = new SseWriter(json.mapper(), limits.keepAlive(), limits.idleTimeout());
        this.legacy = legacy;
    }

    void handle(String agentId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode[] id = {null};
        FailureAnswers.run("JSON-RPC", agentId, () -> {
            Requests.requireJson(request);
            JsonNode envelope = JsonBodies.parse(json.mapper(), Requests.body(request, limits.maxBodyBytes()));
            if (!envelope.isObject()) {
                throw new A2aException(A2aError.INVALID_REQUEST, "a JSON-RPC request must be a JSON object");
            }
            id[0] = validId(envelope.get("id"));
            if (!"2.0".equals(envelope.path("jsonrpc").asText(null))) {
                throw new A2aException(A2aError.INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
            }
            JsonNode method = envelope.get("method");
            if (method == null || !method.isTextual()) {
                throw new A2aException(A2aError.INVALID_REQUEST, "\"method\" must be a string");
            }
            JsonNode params = envelope.get("params");
            if (params == null || params.isNull()) {
                params = NODES.objectNode();
            } else if (!params.isObject()) {
                throw A2aException.invalid("params", "must be a JSON object");
            }
            ProtocolVersion version = ProtocolVersion.of(request);
            if (version == ProtocolVersion.V0_3) {
                legacy.handle(agentId, id[0], method.textValue(), params, request, response);
                return;
            }
            RequestContext context = Requests.context(request, params.path("tenant").asText(null), version);
            Requests.echoExtensions(response, context, service, agentId);
            dispatch(agentId, id[0], method.textValue(), params, context, request, response);
        }, (error, transportStatus) -> write(response, transportStatus == 0 ? 200 : transportStatus,
                ErrorBodies.jsonRpc(id[0], error)));
    }

    private void dispatch(String agentId, JsonNode id, String method, JsonNode params, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        switch (method) {
            case "SendMessage" -> {
                SendMessageRequest send = sendRequest(params);
                SettledAnswers.write(service.sendAsync(context, agentId, send).toCompletableFuture(), request, response,
                        (to, answer) -> writeResult(to, id, generator -> json.writeStreamResponse(generator, answer)),
                        (to, work) -> FailureAnswers.run("JSON-RPC", agentId, work, (error, transportStatus) ->
                                write(to, transportStatus == 0 ? 200 : transportStatus, ErrorBodies.jsonRpc(id, error))));
            }
            case "SendStreamingMessage" -> {
                Preconditions.requireStreaming(service, agentId, "SendMessage");
                SendMessageRequest send = sendRequest(params);
                stream(id, service.stream(context, agentId, send), request, response);
            }
            case "GetTask" -> {
                Task task = service.get(context, agentId, requiredId(params), historyLength(params));
                writeResult(response, id, generator -> json.writeTask(generator, task));
            }
            case "ListTasks" -> write(response, 200, result(id, json.listTasksResponse(
                    service.list(context, agentId, json.readListTasksRequest(params, "params")))));
            case "CancelTask" -> write(response, 200, result(id, json.task(service.cancel(context, agentId,
                    requiredId(params)))));
            case "SubscribeToTask" -> {
                Preconditions.requireStreaming(service, agentId, "SendMessage");
                stream(id, service.subscribe(context, agentId, requiredId(params)), request, response);
            }
            case "GetExtendedAgentCard" -> throw new A2aException(A2aError.UNSUPPORTED_OPERATION,
                    Preconditions.subject(agentId) + " has no extended agent card (capabilities.extendedAgentCard is false)");
            case "CreateTaskPushNotificationConfig" -> write(response, 200, result(id, json.taskPushConfig(
                    service.createPushConfig(context, agentId, json.readTaskPushConfig(params, "params")))));
            case "GetTaskPushNotificationConfig" -> write(response, 200, result(id, json.taskPushConfig(
                    service.getPushConfig(context, agentId, requiredText(params, "taskId"), requiredText(params, "id")))));
            case "ListTaskPushNotificationConfigs" -> write(response, 200, result(id, PushConfigs.listResponse(json,
                    PushConfigPage.of(service.listPushConfigs(context, agentId, requiredText(params, "taskId")),
                            json.readPushConfigPageRequest(params, "params"), "params"))));
            case "DeleteTaskPushNotificationConfig" -> {
                service.deletePushConfig(context, agentId, requiredText(params, "taskId"), requiredText(params, "id"));
                write(response, 200, result(id, NODES.objectNode()));
            }
            default -> {
                throw new A2aException(A2aError.METHOD_NOT_FOUND, "method '" + method + "' is not an A2A 1.0 method"
                        + (method.contains("/") ? "; A2A 0.3 methods are served to requests without the A2A-Version header" : ""),
                        Map.of("method", method));
            }
        }
    }

    private SendMessageRequest sendRequest(JsonNode params) {
        SendMessageRequest send = json.readSendMessageRequest(params, "params");
        limits.check(send.message(), "params.message");
        return send;
    }

    private void stream(JsonNode id, EventStream events, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        SseWriter.start(response);
        sse.copy(events, request, response, event -> result(id, json.streamResponse(event)),
                error -> ErrorBodies.jsonRpc(id, error));
    }

    private static JsonNode validId(JsonNode id) {
        if (id == null || id.isNull() || id.isTextual() || id.isIntegralNumber()) {
            return id;
        }
        throw new A2aException(A2aError.INVALID_REQUEST, "\"id\" must be a string, an integer or null");
    }

    static String requiredText(JsonNode params, String field) {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw A2aException.invalid("params." + field, "is required");
        }
        return value.textValue();
    }

    static String requiredId(JsonNode params) {
        JsonNode id = params.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            throw A2aException.invalid("params.id", "is required: the task id");
        }
        return id.textValue();
    }

    static Integer historyLength(JsonNode params) {
        JsonNode length = params.get("historyLength");
        if (length == null || length.isNull()) {
            return null;
        }
        if (!length.isIntegralNumber() || !length.canConvertToInt() || length.intValue() < 0) {
            throw A2aException.invalid("historyLength", "must be a non-negative integer");
        }
        return length.intValue();
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NODES.nullNode() : id);
        response.set("result", result);
        return response;
    }

    /** Writes {@code {"jsonrpc":"2.0","id":…,"result":…}} straight from the model. */
    private void writeResult(HttpServletResponse response, JsonNode id, JsonResponses.Body result) throws IOException {
        JsonResponses.write(json.mapper(), response, 200, "application/json", generator -> {
            generator.writeStartObject();
            generator.writeStringField("jsonrpc", "2.0");
            generator.writeFieldName("id");
            if (id == null) {
                generator.writeNull();
            } else {
                generator.writeTree(id);
            }
            generator.writeFieldName("result");
            result.write(generator);
            generator.writeEndObject();
        });
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.mapper().writeValue(response.getOutputStream(), body);
    }
}
