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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(LegacyRestHandler.class);

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
        try {
            RequestContext context = Requests.context(request, null, ProtocolVersion.V0_3);
            Requests.echoExtensions(response, context, service.card(agentId));
            route(agentId, request.getMethod(), path.substring(PREFIX.length()).split("/", -1), context, request, response);
        } catch (TransportException e) {
            write(response, e.httpStatus(), proto.error(e.error()));
        } catch (A2aException e) {
            write(response, e.error().httpStatus(), proto.error(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("A2A 0.3 HTTP+JSON request to agent {} failed", agentId, e);
            write(response, 500, proto.error(new A2aException(A2aError.INTERNAL_ERROR,
                    "the server failed to process the request (" + e.getClass().getSimpleName() + "); see the AgentX log")));
        }
    }

    private void route(String agentId, String method, String[] path, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        String head = path[0];
        if (path.length == 1 && head.equals("message:send")) {
            requireMethod(method, "POST");
            write(response, 200, proto.sendMessageResponse(service.send(context, agentId, sendRequest(request))));
        } else if (path.length == 1 && head.equals("message:stream")) {
            requireMethod(method, "POST");
            SendMessageRequest send = sendRequest(request);
            requireStreaming(agentId);
            stream(service.stream(context, agentId, send), response);
        } else if (path.length == 1 && head.equals("card")) {
            // v0.3 maps agent/getAuthenticatedExtendedCard to GET /v1/card; AgentX agents have no extended card
            requireMethod(method, "GET");
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "agent '" + agentId + "' has no authenticated extended"
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
            requireMethod(method, "POST");
            write(response, 200, proto.task(service.cancel(context, agentId, taskId(segment, ":cancel"))));
        } else if (segment.endsWith(":subscribe")) {
            if (!method.equals("GET") && !method.equals("POST")) {
                throw notAllowed(method, "GET");
            }
            String taskId = taskId(segment, ":subscribe");
            requireStreaming(agentId);
            stream(service.subscribe(context, agentId, taskId), response);
        } else {
            requireMethod(method, "GET");
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
            throw notAllowed(method, configId == null ? "GET or POST" : "GET or DELETE");
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

    private void stream(EventStream events, HttpServletResponse response) throws IOException, InterruptedException {
        SseWriter.start(response);
        sse.copy(events, response, proto::streamResponse, proto::error, "error");
    }

    private void requireStreaming(String agentId) {
        if (!service.card(agentId).map(card -> card.capabilities().streaming()).orElse(false)) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "agent '" + agentId
                    + "' does not stream (capabilities.streaming is false); use v1/message:send");
        }
    }

    private static String taskId(String segment, String suffix) {
        String id = segment.substring(0, segment.length() - suffix.length());
        if (id.isEmpty()) {
            throw A2aException.invalid("name", "is required: tasks/{taskId}");
        }
        return id;
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw notAllowed(method, expected);
        }
    }

    private static TransportException notAllowed(String method, String allowed) {
        return new TransportException(405, new A2aException(A2aError.METHOD_NOT_FOUND,
                method + " is not allowed here; use " + allowed, Map.of("method", method)));
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.mapper().writeValue(response.getOutputStream(), body);
    }
}
