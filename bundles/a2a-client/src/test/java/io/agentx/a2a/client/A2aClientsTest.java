package io.agentx.a2a.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentx.a2a.client.A2aClientException.Failure;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted local HTTP server, for what the real AgentX server never does: 0.3-only cards,
 * tenants, HTML error pages, non-JSON answers, silence and oversized answers.
 */
class A2aClientsTest {
    private static final String TASK_03 = "{\"kind\":\"task\",\"id\":\"t-1\",\"contextId\":\"c-1\",\"status\":{\"state\":\"completed\","
            + "\"timestamp\":\"2026-01-01T10:00:00\"}}";
    private static final String TASK_10 = "{\"id\":\"t-1\",\"contextId\":\"c-1\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aCardWithOnly03FieldsIsCalledOver03JsonRpcWithTheConfiguredCredentials() throws Exception {
        answer("/old/.well-known/agent-card.json", 200, "application/json", "{\"name\":\"Old\",\"description\":\"d\","
                + "\"version\":\"1\",\"protocolVersion\":\"0.3.0\",\"url\":\"" + base + "/old/rpc\",\"preferredTransport\":\"JSONRPC\","
                + "\"additionalInterfaces\":[{\"url\":\"" + base + "/old/rpc\",\"transport\":\"JSONRPC\"}],"
                + "\"capabilities\":{\"streaming\":true},\"defaultInputModes\":[],\"defaultOutputModes\":[],\"skills\":[]}");
        server.createContext("/old/rpc", exchange -> {
            JsonNode request = mapper.readTree(exchange.getRequestBody());
            seen.put("method", request.path("method").asText());
            seen.put("message kind", request.path("params").path("message").path("kind").asText());
            seen.put("blocking", request.path("params").path("configuration").path("blocking").asText());
            seen.put("version", exchange.getRequestHeaders().getFirst("A2A-Version"));
            seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + TASK_03 + "}");
        });

        A2aClient client = A2aClients.connect(URI.create(base + "/old/.well-known/agent-card.json"),
                A2aClientOptions.builder().bearerToken("secret").build());
        Task task = assertInstanceOf(Task.class, client.sendMessage(Message.text("m-1", Role.USER, "hi")));

        assertEquals(new AgentInterface(base + "/old/rpc", "JSONRPC", "0.3", null), client.agentInterface());
        assertEquals("Old", client.card().orElseThrow().name());
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals(Map.of("method", "message/send", "message kind", "message", "blocking", "true", "version", "0.3",
                "authorization", "Bearer secret"), seen);
        assertThrows(UnsupportedOperationException.class, () -> client.listTasks(
                new io.agentx.a2a.model.ListTasksRequest(null, null, null, null, null, null, null, false)));
    }

    @Test
    void aCardWithOnly03HttpJsonIsCalledWithProtoJsonBelowV1() throws Exception {
        answer("/old/.well-known/agent-card.json", 200, "application/json", "{\"name\":\"Old\",\"description\":\"d\","
                + "\"version\":\"1\",\"protocolVersion\":\"0.3.0\",\"url\":\"" + base + "/old/rest\",\"preferredTransport\":\"HTTP+JSON\","
                + "\"capabilities\":{\"streaming\":true},\"defaultInputModes\":[],\"defaultOutputModes\":[],\"skills\":[]}");
        server.createContext("/old/rest/v1/message:send", exchange -> {
            JsonNode request = mapper.readTree(exchange.getRequestBody());
            seen.put("send", exchange.getRequestMethod() + " " + request);
            seen.put("version", exchange.getRequestHeaders().getFirst("A2A-Version"));
            seen.put("content type", exchange.getRequestHeaders().getFirst("Content-Type"));
            reply(exchange, 200, "application/json", "{\"task\":{\"id\":\"t-1\",\"contextId\":\"c-1\",\"status\":"
                    + "{\"state\":\"TASK_STATE_CANCELLED\",\"message\":{\"messageId\":\"a-1\",\"role\":\"ROLE_AGENT\","
                    + "\"content\":[{\"text\":\"bye\"}]}}}}");
        });
        server.createContext("/old/rest/v1/tasks/", exchange -> {
            seen.put("get", exchange.getRequestMethod() + " " + exchange.getRequestURI());
            if (exchange.getRequestURI().getPath().endsWith(":subscribe")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(("data: {\"statusUpdate\":{\"taskId\":\"t-1\",\"status\":{\"state\":"
                        + "\"TASK_STATE_WORKING\"}}}\n\nevent: error\ndata: {\"code\":-32004,\"message\":\"no more\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                exchange.close();
                return;
            }
            reply(exchange, 404, "application/json", "{\"code\":-32001,\"message\":\"Task not found: t-2\"}");
        });

        A2aClient client = A2aClients.connect(URI.create(base + "/old/.well-known/agent-card.json"),
                A2aClientOptions.defaults());
        Task task = assertInstanceOf(Task.class, client.sendMessage(Message.text("m-1", Role.USER, "hi")));
        io.agentx.a2a.model.A2aException missing = assertThrows(io.agentx.a2a.model.A2aException.class,
                () -> client.getTask("t-2", 3));
        List<Object> events = new ArrayList<>();
        io.agentx.a2a.model.A2aException ended;
        try (A2aEventStream stream = client.subscribeToTask("t-1")) {
            ended = assertThrows(io.agentx.a2a.model.A2aException.class, () -> {
                while (stream.hasNext()) {
                    events.add(stream.next());
                }
            });
        }

        assertEquals(new AgentInterface(base + "/old/rest", "HTTP+JSON", "0.3", null), client.agentInterface());
        assertEquals(TaskState.CANCELED, task.status().state());
        assertEquals("bye", task.status().message().text());
        assertEquals("POST {\"message\":{\"messageId\":\"m-1\",\"role\":\"ROLE_USER\",\"content\":[{\"text\":\"hi\"}]},"
                + "\"configuration\":{\"blocking\":true}}", seen.get("send"));
        assertEquals("0.3", seen.get("version"));
        assertEquals("application/json", seen.get("content type"));
        assertEquals(io.agentx.a2a.model.A2aError.TASK_NOT_FOUND, missing.error());
        assertEquals("Task not found: t-2", missing.getMessage());
        assertEquals(1, events.size());
        assertEquals(io.agentx.a2a.model.A2aError.UNSUPPORTED_OPERATION, ended.error());
        assertEquals("GET /old/rest/v1/tasks/t-1:subscribe", seen.get("get"));
        assertThrows(UnsupportedOperationException.class, () -> client.listTasks(
                new io.agentx.a2a.model.ListTasksRequest(null, null, null, null, null, null, null, false)));
    }

    @Test
    void theInterfaceTenantTravelsInJsonRpcParamsAndRestPaths() {
        server.createContext("/rpc", exchange -> {
            JsonNode request = mapper.readTree(exchange.getRequestBody());
            seen.put("rpc", request.path("method").asText() + " " + request.path("params"));
            reply(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + TASK_10 + "}");
        });
        server.createContext("/rest", exchange -> {
            seen.put("rest", exchange.getRequestMethod() + " " + exchange.getRequestURI());
            seen.put("version", exchange.getRequestHeaders().getFirst("A2A-Version"));
            reply(exchange, 200, "application/a2a+json", TASK_10);
        });

        A2aClients.create(new AgentInterface(base + "/rpc", "JSONRPC", "1.0", "acme"), A2aClientOptions.defaults())
                .getTask("t-1", 2);
        A2aClients.create(new AgentInterface(base + "/rest", "HTTP+JSON", "1.0", "acme"), A2aClientOptions.defaults())
                .getTask("t/1", 2);

        assertEquals("GetTask {\"tenant\":\"acme\",\"id\":\"t-1\",\"historyLength\":2}", seen.get("rpc"));
        assertEquals("GET /rest/acme/tasks/t%2F1?historyLength=2", seen.get("rest"));
        assertEquals("1.0", seen.get("version"));
    }

    @Test
    void anHtmlErrorPageIsAnHttpFailureThatMayHaveReachedTheAgent() {
        answer("/rpc", 502, "text/html", "<html><body>Bad Gateway</body></html>");
        A2aClientException error = assertThrows(A2aClientException.class, () -> rpc(A2aClientOptions.defaults()).cancelTask("t"));
        assertEquals(Failure.HTTP_STATUS, error.failure());
        assertEquals(502, error.httpStatus());
        assertTrue(error.mayHaveReachedAgent());
    }

    @Test
    void anAnswerThatIsNotJsonIsAnInvalidResponse() {
        answer("/rpc", 200, "text/plain", "hello");
        A2aClientException error = assertThrows(A2aClientException.class, () -> rpc(A2aClientOptions.defaults()).getTask("t", null));
        assertEquals(Failure.INVALID_RESPONSE, error.failure());
        assertEquals("POST " + base + "/rpc: the agent's answer is not valid A2A: expected a JSON-RPC response, got 'hello'",
                error.getMessage());
    }

    @Test
    void aResultOfTheWrongShapeIsAnInvalidResponseNamingTheField() {
        answer("/rpc", 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"id\":\"t\"}}");
        A2aClientException error = assertThrows(A2aClientException.class, () -> rpc(A2aClientOptions.defaults()).getTask("t", null));
        assertEquals(Failure.INVALID_RESPONSE, error.failure());
        assertTrue(error.getMessage().endsWith("GetTask result: result.status: must be a JSON object"), error.getMessage());
    }

    @Test
    void anOversizedAnswerIsRefused() {
        answer("/rpc", 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "x".repeat(4096) + "\"}");
        A2aClientException error = assertThrows(A2aClientException.class,
                () -> rpc(A2aClientOptions.builder().maxResponseBytes(1024).build()).getTask("t", null));
        assertEquals(Failure.INVALID_RESPONSE, error.failure());
        assertTrue(error.getMessage().endsWith("the answer exceeds 1024 bytes (maxResponseBytes)"), error.getMessage());
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.createContext("/rpc", exchange -> {
            sleep(3000);
            reply(exchange, 200, "application/json", "{}");
        });
        A2aClientException error = assertThrows(A2aClientException.class,
                () -> rpc(A2aClientOptions.builder().requestTimeout(Duration.ofMillis(300)).build()).getTask("t", null));
        assertEquals(Failure.TIMEOUT, error.failure());
        assertTrue(error.mayHaveReachedAgent());
    }

    @Test
    void aSilentStreamTimesOutAfterTheStreamReadTimeout() {
        server.createContext("/rpc", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(": hello\n\n".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            sleep(3000);
            exchange.close();
        });
        try (A2aEventStream events = rpc(A2aClientOptions.builder().streamReadTimeout(Duration.ofMillis(300)).build())
                .subscribeToTask("t")) {
            A2aClientException error = assertThrows(A2aClientException.class, events::hasNext);
            assertEquals(Failure.TIMEOUT, error.failure());
            assertFalse(events.hasNext());
        }
    }

    @Test
    void anAsynchronousSendCompletesWithTheTaskOverEachBinding() throws Exception {
        answer("/rpc", 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"task\":" + TASK_10 + "}}");
        answer("/rest/message:send", 200, "application/a2a+json", "{\"task\":" + TASK_10 + "}");
        Message message = Message.text("m-1", Role.USER, "hi");
        for (A2aClient client : List.of(rpc(A2aClientOptions.defaults()), A2aClients.create(
                new AgentInterface(base + "/rest", "HTTP+JSON", "1.0", null), A2aClientOptions.defaults()))) {
            Task task = assertInstanceOf(Task.class, client.sendMessageAsync(new SendMessageRequest(null, message, null,
                    null)).get(5, TimeUnit.SECONDS));
            assertEquals("t-1", task.id(), client.agentInterface().protocolBinding());
        }
    }

    @Test
    void anAsynchronousSendFailsWithTheAgentsErrorOrTheTimeout() {
        answer("/rpc", 200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,\"message\":\"no such task\"}}");
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m-1", Role.USER, "hi"), null, null);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> rpc(A2aClientOptions.defaults()).sendMessageAsync(request).get(5, TimeUnit.SECONDS));
        assertEquals(A2aError.TASK_NOT_FOUND, assertInstanceOf(A2aException.class, refused.getCause()).error());

        server.createContext("/slow", exchange -> {
            sleep(3000);
            reply(exchange, 200, "application/json", "{}");
        });
        A2aClient slow = A2aClients.create(new AgentInterface(base + "/slow", "JSONRPC", "1.0", null),
                A2aClientOptions.builder().requestTimeout(Duration.ofMillis(300)).build());
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> slow.sendMessageAsync(request).get(5, TimeUnit.SECONDS));
        A2aClientException timeout = assertInstanceOf(A2aClientException.class, late.getCause());
        assertEquals(Failure.TIMEOUT, timeout.failure());
        assertTrue(timeout.getMessage().contains("requestTimeout"), timeout.getMessage());
    }

    @Test
    void anAsynchronousSendToANonListeningPortIsSafeToSendElsewhere() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        A2aClient nobody = A2aClients.create(new AgentInterface("http://127.0.0.1:" + port + "/rpc", "JSONRPC", "1.0", null),
                A2aClientOptions.defaults());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> nobody.sendMessageAsync(
                new SendMessageRequest(null, Message.text("m-1", Role.USER, "hi"), null, null)).get(5, TimeUnit.SECONDS));
        A2aClientException error = assertInstanceOf(A2aClientException.class, refused.getCause());
        assertEquals(Failure.CONNECT, error.failure());
        assertFalse(error.mayHaveReachedAgent());
    }

    private A2aClient rpc(A2aClientOptions options) {
        return A2aClients.create(new AgentInterface(base + "/rpc", "JSONRPC", "1.0", null), options);
    }

    private void answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> reply(exchange, status, contentType, body));
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
