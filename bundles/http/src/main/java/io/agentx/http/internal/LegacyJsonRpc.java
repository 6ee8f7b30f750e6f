package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.json.A2aJson03;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.api.A2aService;
import io.agentx.api.EventStream;
import io.agentx.api.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A2A 0.3 JSON-RPC ({@code message/send}, {@code tasks/get}…) for clients that send no {@code A2A-Version}
 * (or {@code 0.3}): requests are mapped to the 1.0 model, answers back to 0.3 shapes.
 */
final class LegacyJsonRpc {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final A2aService service;
    private final A2aJson03 json03;
    private final A2aJson json;
    private final Limits limits;
    private final SseWriter sse;

    LegacyJsonRpc(A2aService service, A2aJson json, Limits limits) {
        this.service = service;
        this.json = json;
        this.json03 = new A2aJson03(json);
        this.limits = limits;
        this.sse = new SseWriter(json.mapper(), limits.keepAlive(), limits.idleTimeout());
    }

    void handle(String agentId, JsonNode id, String method, JsonNode params, HttpServletRequest request,
            HttpServletResponse response) throws IOException, InterruptedException {
        RequestContext context = Requests.context(request, null, ProtocolVersion.V0_3);
        switch (method) {
            case "message/send" -> {
                SendMessageRequest send = json03.readSendParams(params, "params");
                limits.check(send.message(), "params.message");
                SettledAnswers.write(service.sendAsync(context, agentId, send).toCompletableFuture(), request, response,
                        (to, answer) -> write(to, result(id, json03.event(answer))),
                        (to, work) -> FailureAnswers.run("JSON-RPC", agentId, work, (error, transportStatus) ->
                                write(to, transportStatus == 0 ? 200 : transportStatus, ErrorBodies.jsonRpc(id, error))));
            }
            case "message/stream" -> {
                SendMessageRequest send = json03.readSendParams(params, "params");
                limits.check(send.message(), "params.message");
                Preconditions.requireStreaming(service, agentId, "message/send");
                stream(id, service.stream(context, agentId, send), request, response);
            }
            case "tasks/get" -> write(response, result(id, json03.task(service.get(context, agentId,
                    JsonRpcHandler.requiredId(params), JsonRpcHandler.historyLength(params)))));
            case "tasks/cancel" -> write(response, result(id, json03.task(service.cancel(context, agentId,
                    JsonRpcHandler.requiredId(params)))));
            case "tasks/resubscribe" -> {
                Preconditions.requireStreaming(service, agentId, "message/send");
                stream(id, service.subscribe(context, agentId, JsonRpcHandler.requiredId(params)), request, response);
            }
            case "tasks/pushNotificationConfig/set" -> write(response, result(id, json03.pushConfig(
                    service.createPushConfig(context, agentId, json03.readPushConfig(params, "params")))));
            case "tasks/pushNotificationConfig/get" -> {
                String taskId = JsonRpcHandler.requiredId(params);
                String configId = params.path("pushNotificationConfigId").asText("");
                List<TaskPushNotificationConfig> configs = service.listPushConfigs(context, agentId, taskId);
                TaskPushNotificationConfig config = configId.isEmpty()
                        ? configs.stream().findFirst().orElseThrow(() -> new A2aException(A2aError.TASK_NOT_FOUND,
                                "task " + taskId + " has no push configuration", Map.of("taskId", taskId)))
                        : service.getPushConfig(context, agentId, taskId, configId);
                write(response, result(id, json03.pushConfig(config)));
            }
            case "tasks/pushNotificationConfig/list" -> {
                ArrayNode configs = NODES.arrayNode();
                service.listPushConfigs(context, agentId, JsonRpcHandler.requiredId(params))
                        .forEach(config -> configs.add(json03.pushConfig(config)));
                write(response, result(id, configs));
            }
            case "tasks/pushNotificationConfig/delete" -> {
                service.deletePushConfig(context, agentId, JsonRpcHandler.requiredId(params),
                        JsonRpcHandler.requiredText(params, "pushNotificationConfigId"));
                write(response, result(id, NODES.nullNode()));
            }
            case "agent/getAuthenticatedExtendedCard" -> throw new A2aException(A2aError.UNSUPPORTED_OPERATION,
                    Preconditions.subject(agentId) + " has no authenticated extended card");
            default -> throw new A2aException(A2aError.METHOD_NOT_FOUND, "method '" + method + "' is not an A2A 0.3 method"
                    + (method.contains("/") ? "" : "; for A2A 1.0 methods send the header A2A-Version: 1.0"),
                    Map.of("method", method));
        }
    }

    private void stream(JsonNode id, EventStream events, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        SseWriter.start(response);
        sse.copy(events, request, response, event -> result(id, json03.event(event)),
                error -> ErrorBodies.jsonRpc(id, error));
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NODES.nullNode() : id);
        response.set("result", result);
        return response;
    }

    private void write(HttpServletResponse response, JsonNode body) throws IOException {
        write(response, 200, body);
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.mapper().writeValue(response.getOutputStream(), body);
    }
}
