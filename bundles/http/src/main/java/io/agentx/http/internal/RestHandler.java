package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.PushConfigPage;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.api.A2aService;
import io.agentx.api.EventStream;
import io.agentx.api.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP+JSON binding of one agent: {@code POST message:send}, {@code POST message:stream},
 * {@code GET tasks[/{id}]}, {@code POST tasks/{id}:cancel}, {@code GET|POST tasks/{id}:subscribe}, the push
 * configuration routes and {@code GET extendedAgentCard}, each also under a {@code /{tenant}} prefix.
 * Errors are AIP-193 bodies. A2A 0.3 requests (no {@code A2A-Version} or {@code 0.3}) below {@code /v1/} go to
 * the {@link LegacyRestHandler}; elsewhere they are refused with VersionNotSupported.
 */
final class RestHandler {
    private static final String CONTENT_TYPE = "application/a2a+json";
    private static final Set<String> ROOTS = Set.of("message:send", "message:stream", "tasks", "extendedAgentCard");

    private final A2aService service;
    private final A2aJson json;
    private final Limits limits;
    private final SseWriter sse;
    private final LegacyRestHandler legacy;

    /** @param legacy serves the A2A 0.3 routes below {@code /v1/}, or {@code null} to refuse 0.3 everywhere */
    RestHandler(A2aService service, A2aJson json, Limits limits, LegacyRestHandler legacy) {
        this.legacy = legacy;
        this.service = service;
        this.json = json;
        this.limits = limits;
        this.sse = new SseWriter(json.mapper(), limits.keepAlive(), limits.idleTimeout());
    }

    /** @param path the path below the interface URL, e.g. {@code /tasks/abc:cancel} */
    void handle(String agentId, String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FailureAnswers.run("HTTP+JSON", agentId, () -> {
            ProtocolVersion version = ProtocolVersion.of(request);
            if (version == ProtocolVersion.V0_3) {
                if (legacy != null && path.startsWith(LegacyRestHandler.PREFIX)) {
                    legacy.handle(agentId, path, request, response);
                    return;
                }
                throw new A2aException(A2aError.VERSION_NOT_SUPPORTED, "this HTTP+JSON route speaks A2A 1.0; send the"
                        + " header A2A-Version: 1.0 (A2A 0.3 clients are served below /agents/" + agentId + "/rest/v1/"
                        + " and over JSON-RPC at /agents/" + agentId + ")", Map.of("version", "0.3"));
            }
            String[] segments = path.replaceAll("^/+", "").split("/", -1);
            String tenant = null;
            int first = 0;
            if (segments.length > 1 && !ROOTS.contains(segments[0])) {
                tenant = segments[0];
                first = 1;
            }
            RequestContext context = Requests.context(request, tenant, version);
            Requests.echoExtensions(response, context, service, agentId);
            route(agentId, request.getMethod(), java.util.Arrays.copyOfRange(segments, first, segments.length), context,
                    request, response);
        }, (error, transportStatus) -> write(response, transportStatus == 0 ? error.error().httpStatus() : transportStatus,
                ErrorBodies.rest(error)));
    }

    private void route(String agentId, String method, String[] path, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        String head = path.length == 0 ? "" : path[0];
        if (path.length == 1 && head.equals("message:send")) {
            Preconditions.requireMethod(method, "POST");
            SettledAnswers.write(service.sendAsync(context, agentId, sendRequest(request)).toCompletableFuture(), request,
                    response, (to, answer) -> JsonResponses.write(json.mapper(), to, 200, CONTENT_TYPE,
                            g -> json.writeStreamResponse(g, answer)),
                    (to, work) -> FailureAnswers.run("HTTP+JSON", agentId, work, (error, transportStatus) -> write(to,
                            transportStatus == 0 ? error.error().httpStatus() : transportStatus, ErrorBodies.rest(error))));
        } else if (path.length == 1 && head.equals("message:stream")) {
            Preconditions.requireMethod(method, "POST");
            Preconditions.requireStreaming(service, agentId, "message:send");
            stream(service.stream(context, agentId, sendRequest(request)), request, response);
        } else if (path.length == 1 && head.equals("tasks")) {
            Preconditions.requireMethod(method, "GET");
            write(response, 200, json.listTasksResponse(service.list(context, agentId,
                    json.readListTasksRequest(QueryParameters.toJson(request), "query"))));
        } else if (path.length == 1 && head.equals("extendedAgentCard")) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION,
                    Preconditions.subject(agentId) + " has no extended agent card (capabilities.extendedAgentCard is false)");
        } else if ((path.length == 3 || path.length == 4) && head.equals("tasks")
                && path[2].equals("pushNotificationConfigs")) {
            pushConfigs(agentId, method, path[1], path.length == 4 ? path[3] : null, context, request, response);
        } else if (path.length == 2 && head.equals("tasks")) {
            task(agentId, method, path[1], context, request, response);
        } else {
            throw new TransportException(404, new A2aException(A2aError.METHOD_NOT_FOUND,
                    "no A2A route " + method + " /" + String.join("/", path)
                            + "; routes: message:send, message:stream, tasks, tasks/{id}, tasks/{id}:cancel, tasks/{id}:subscribe"));
        }
    }

    private void task(String agentId, String method, String segment, RequestContext context, HttpServletRequest request,
            HttpServletResponse response) throws IOException, InterruptedException {
        if (segment.endsWith(":cancel")) {
            Preconditions.requireMethod(method, "POST");
            Task canceled = service.cancel(context, agentId, taskId(segment, ":cancel"));
            JsonResponses.write(json.mapper(), response, 200, CONTENT_TYPE, g -> json.writeTask(g, canceled));
        } else if (segment.endsWith(":subscribe")) {
            if (!method.equals("GET") && !method.equals("POST")) {
                throw Preconditions.notAllowed(method, "GET or POST");
            }
            Preconditions.requireStreaming(service, agentId, "message:send");
            stream(service.subscribe(context, agentId, taskId(segment, ":subscribe")), request, response);
        } else {
            Preconditions.requireMethod(method, "GET");
            Task task = service.get(context, agentId, taskId(segment, ""),
                    JsonRpcHandler.historyLength(QueryParameters.toJson(request)));
            JsonResponses.write(json.mapper(), response, 200, CONTENT_TYPE, g -> json.writeTask(g, task));
        }
    }

    private SendMessageRequest sendRequest(HttpServletRequest request) throws IOException {
        Requests.requireJson(request);
        JsonNode body = JsonBodies.parse(json.mapper(), Requests.body(request, limits.maxBodyBytes()));
        SendMessageRequest send = json.readSendMessageRequest(body, "body");
        limits.check(send.message(), "body.message");
        return send;
    }

    private void stream(EventStream events, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        SseWriter.start(response);
        sse.copy(events, request, response, json::streamResponse, ErrorBodies::rest);
    }

    private static String taskId(String segment, String suffix) {
        String id = segment.substring(0, segment.length() - suffix.length());
        if (id.isEmpty()) {
            throw A2aException.invalid("id", "is required: the task id");
        }
        return id;
    }

    private void pushConfigs(String agentId, String method, String taskId, String configId, RequestContext context,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (configId == null && method.equals("POST")) {
            Requests.requireJson(request);
            JsonNode body = JsonBodies.parse(json.mapper(), Requests.body(request, limits.maxBodyBytes()));
            if (body.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("taskId", taskId);
            }
            write(response, 200, json.taskPushConfig(service.createPushConfig(context, agentId,
                    json.readTaskPushConfig(body, "body"))));
        } else if (configId == null && method.equals("GET")) {
            write(response, 200, PushConfigs.listResponse(json, PushConfigPage.of(service.listPushConfigs(context,
                    agentId, taskId), json.readPushConfigPageRequest(QueryParameters.toJson(request), "query"), "query")));
        } else if (configId != null && method.equals("GET")) {
            write(response, 200, json.taskPushConfig(service.getPushConfig(context, agentId, taskId, configId)));
        } else if (configId != null && method.equals("DELETE")) {
            service.deletePushConfig(context, agentId, taskId, configId);
            write(response, 200, json.mapper().createObjectNode());
        } else {
            throw Preconditions.notAllowed(method, configId == null ? "GET or POST" : "GET or DELETE");
        }
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        json.mapper().writeValue(response.getOutputStream(), body);
    }
}
