package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.json.A2aProtoJson03;
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

/**
 * The A2A 0.3 HTTP+JSON binding of one agent (the {@code google.api.http} transcoding of the v0.3.0 proto), for
 * requests below {@code /rest/v1/} with {@code A2A-Version: 0.3} or no version: {@code POST v1/message:send},
 * {@code POST v1/message:stream}, {@code GET v1/tasks/{id}}, {@code POST v1/tasks/{id}:cancel},
 * {@code GET v1/tasks/{id}:subscribe}, {@code POST|GET v1/tasks/{id}/pushNotificationConfigs},
 * {@code GET|DELETE v1/tasks/{id}/pushNotificationConfigs/{configId}} and {@code GET v1/card} (the authenticated
 * extended card, which AgentX agents do not have: UnsupportedOperation, as over 0.3 JSON-RPC). Bodies are 0.3
 * ProtoJSON ({@link A2aProtoJson03}), mapped to the 1.0 model; errors are {@code {"code","message"}} with the
 * error's HTTP status; an error inside a stream is an SSE event named {@code error}.
 */
final class LegacyRestHandler {
    /** The routes' prefix below the interface URL. */
    static final String PREFIX = "/v1/";

    private final A2aService service;
    private final A2aJson json;
    private final A2aProtoJson03 proto;
    private final Limits limits;
    private final SseWriter sse;

    LegacyRestHandler(A2aService service, A2aJson json, Limits limits) {
        this.service = service;
        this.json = json;
        this.proto = new A2aProtoJson03(json);
        this.limits = limits;
        this.sse = new SseWriter(json.mapper(), limits.keepAlive(), limits.idleTimeout());
    }

    /** @param path the path below the interface URL, starting with {@code /v1/} */
    void handle(String agentId, String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FailureAnswers.run("A2A 0.3 HTTP+JSON", agentId, () -> {
            RequestContext context = Requests.context(request, null, ProtocolVersion.V0_3);
            Requests.echoExtensions(response, context, service, agentId);
            route(agentId, request.getMethod(), path.substring(PREFIX.length()).split("/", -1), context, request, response);
        }, (error, transportStatus) -> write(response, transportStatus == 0 ? error.error().httpStatus() : transportStatus,
                proto.error(error)));
    }

    private void route(String agentId, String method, String[] path, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        String head = path[0];
        if (path.length == 1 && head.equals("message:send")) {
            Preconditions.requireMethod(method, "POST");
            SettledAnswers.write(service.sendAsync(context, agentId, sendRequest(request)).toCompletableFuture(), request,
                    response, (to, answer) -> write(to, 200, proto.sendMessageResponse(answer)),
                    (to, work) -> FailureAnswers.run("A2A 0.3 HTTP+JSON", agentId, work, (error, transportStatus) -> write(to,
                            transportStatus == 0 ? error.error().httpStatus() : transportStatus, proto.error(error))));
        } else if (path.length == 1 && head.equals("message:stream")) {
            Preconditions.requireMethod(method, "POST");
            SendMessageRequest send = sendRequest(request);
            Preconditions.requireStreaming(service, agentId, "v1/message:send");
            stream(service.stream(context, agentId, send), request, response);
        } else if (path.length == 1 && head.equals("card")) {
            // v0.3 maps agent/getAuthenticatedExtendedCard to GET /v1/card; AgentX agents have no extended card
            Preconditions.requireMethod(method, "GET");
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, Preconditions.subject(agentId) + " has no authenticated extended"
                    + " card (supportsAuthenticatedExtendedCard is false); its card is at /agents/" + agentId
                    + "/.well-known/agent-card.json");
        } else if ((path.length == 3 || path.length == 4) && head.equals("tasks")
                && path[2].equals("pushNotificationConfigs")) {
            pushConfigs(agentId, method, path[1], path.length == 4 ? path[3] : null, context, request, response);
        } else if (path.length == 2 && head.equals("tasks")) {
            task(agentId, method, path[1], context, request, response);
        } else {
            throw new TransportException(404, new A2aException(A2aError.METHOD_NOT_FOUND,
                    "no A2A 0.3 route " + method + " /v1/" + String.join("/", path) + "; routes: v1/message:send, "
                            + "v1/message:stream, v1/tasks/{id}, v1/tasks/{id}:cancel, v1/tasks/{id}:subscribe, "
                            + "v1/tasks/{id}/pushNotificationConfigs[/{configId}], v1/card (A2A 0.3 has no task list;"
                            + " send A2A-Version: 1.0 to use the 1.0 routes)"));
        }
    }

    private void task(String agentId, String method, String segment, RequestContext context, HttpServletRequest request,
            HttpServletResponse response) throws IOException, InterruptedException {
        if (segment.endsWith(":cancel")) {
            Preconditions.requireMethod(method, "POST");
            write(response, 200, proto.task(service.cancel(context, agentId, taskId(segment, ":cancel"))));
        } else if (segment.endsWith(":subscribe")) {
            if (!method.equals("GET") && !method.equals("POST")) {
                throw Preconditions.notAllowed(method, "GET");
            }
            String taskId = taskId(segment, ":subscribe");
            Preconditions.requireStreaming(service, agentId, "v1/message:send");
            stream(service.subscribe(context, agentId, taskId), request, response);
        } else {
            Preconditions.requireMethod(method, "GET");
            ObjectNode query = QueryParameters.toJson(request);
            if (!query.has("historyLength") && query.has("history_length")) {
                query.set("historyLength", query.get("history_length"));
            }
            Integer historyLength = JsonRpcHandler.historyLength(query);
            write(response, 200, proto.task(service.get(context, agentId, taskId(segment, ""),
                    historyLength == null || historyLength == 0 ? null : historyLength)));
        }
    }

    private void pushConfigs(String agentId, String method, String taskId, String configId, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (taskId.isEmpty()) {
            throw A2aException.invalid("name", "needs a task id: tasks/{taskId}/pushNotificationConfigs");
        }
        if (configId == null && method.equals("POST")) {
            JsonNode body = body(request);
            // the transcoded body is the TaskPushNotificationConfig; a whole CreateTaskPushNotificationConfigRequest
            // carries it as "config"
            if (body.isObject() && !body.has("pushNotificationConfig") && body.path("config").isObject()) {
                body = body.get("config");
            }
            TaskPushNotificationConfig config = proto.readPushConfig(body, "body", taskId);
            write(response, 201, proto.pushConfig(service.createPushConfig(context, agentId, config)));
        } else if (configId == null && method.equals("GET")) {
            write(response, 200, proto.pushConfigs(service.listPushConfigs(context, agentId, taskId)));
        } else if (configId != null && method.equals("GET")) {
            write(response, 200, proto.pushConfig(service.getPushConfig(context, agentId, taskId, configId)));
        } else if (configId != null && method.equals("DELETE")) {
            service.deletePushConfig(context, agentId, taskId, configId);
            response.setStatus(204);
        } else {
            throw Preconditions.notAllowed(method, configId == null ? "GET or POST" : "GET or DELETE");
        }
    }

    private SendMessageRequest sendRequest(HttpServletRequest request) throws IOException {
        SendMessageRequest send = proto.readSendMessageRequest(body(request), "body");
        limits.check(send.message(), "body.message");
        return send;
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        Requests.requireJson(request);
        return JsonBodies.parse(json.mapper(), Requests.body(request, limits.maxBodyBytes()));
    }

    private void stream(EventStream events, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        SseWriter.start(response);
        sse.copy(events, request, response, proto::streamResponse, proto::error, "error");
    }

    private static String taskId(String segment, String suffix) {
        String id = segment.substring(0, segment.length() - suffix.length());
        if (id.isEmpty()) {
            throw A2aException.invalid("name", "is required: tasks/{taskId}");
        }
        return id;
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.mapper().writeValue(response.getOutputStream(), body);
    }
}
