package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throws random and malformed bodies at the A2A endpoints of a running AgentX (every JSON-RPC operation of both
 * versions, a batch, the gateway, HTTP+JSON of both versions with a tenant): truncated and mutated JSON,
 * wrong types, huge numbers, deep nesting, invalid UTF-8. Every answer must be a client error (never a 5xx),
 * must not leak a stack trace, must come back quickly, and AgentX must keep serving.
 */
class A2aEndpointFuzzIT {
    private static final int ROUNDS = 1200;
    private static final String VALID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":"
            + "{\"messageId\":\"m1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hi\"}]},\"configuration\":"
            + "{\"historyLength\":2,\"returnImmediately\":false}}}";
    /** Each endpoint with a body it accepts, which the fuzzing then breaks: every operation, binding and version. */
    private static final String[][] ENDPOINTS = {
        {"/agents/echo", VALID},
        {"/", VALID},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"SendStreamingMessage\",\"params\":{\"message\":"
                + "{\"messageId\":\"m2\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"stream 2\"}]}}}"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"GetTask\",\"params\":{\"id\":\"t1\",\"historyLength\":3}}"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ListTasks\",\"params\":{\"contextId\":\"c\","
                + "\"status\":\"TASK_STATE_WORKING\",\"pageSize\":5,\"pageToken\":\"\",\"statusTimestampAfter\":"
                + "\"2026-01-01T00:00:00Z\"}}"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"CancelTask\",\"params\":{\"id\":\"t1\"}}"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"SubscribeToTask\",\"params\":{\"id\":\"t1\"}}"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"CreateTaskPushNotificationConfig\",\"params\":"
                + "{\"taskId\":\"t1\",\"url\":\"https://example.com/hook\",\"token\":\"x\",\"authentication\":"
                + "{\"scheme\":\"Bearer\",\"credentials\":\"y\"}}}"},
        {"/agents/echo", "[" + VALID + "," + VALID + "]"},
        {"/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"message/send\",\"params\":{\"message\":"
                + "{\"kind\":\"message\",\"messageId\":\"m3\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\","
                + "\"text\":\"hi\"},{\"kind\":\"file\",\"file\":{\"bytes\":\"aGk=\",\"mimeType\":\"text/plain\"}}]}}}"},
        {"/agents/echo/rest/message:send", "{\"message\":{\"messageId\":\"m4\",\"role\":\"ROLE_USER\",\"parts\":"
                + "[{\"text\":\"hi\"},{\"data\":{\"k\":[1,2,{\"x\":null}]}},{\"url\":\"https://example.com/f\","
                + "\"mediaType\":\"text/plain\",\"filename\":\"f.txt\"}]},\"configuration\":{\"historyLength\":1}}"},
        {"/agents/echo/rest/message:stream", "{\"message\":{\"messageId\":\"m5\",\"role\":\"ROLE_USER\",\"parts\":"
                + "[{\"text\":\"stream 2\"}]}}"},
        {"/agents/echo/rest/acme/message:send", "{\"message\":{\"messageId\":\"m6\",\"role\":\"ROLE_USER\",\"parts\":"
                + "[{\"raw\":\"aGk=\",\"mediaType\":\"application/octet-stream\"}]}}"},
        {"/agents/echo/rest/tasks", VALID},
        {"/agents/echo/rest/tasks/t1:cancel", "{}"},
        {"/agents/echo/rest/tasks/t1/pushNotificationConfigs", "{\"url\":\"https://example.com/hook\",\"token\":\"x\"}"},
        {"/agents/echo/rest/v1/message:send", "{\"message\":{\"messageId\":\"m7\",\"role\":\"ROLE_USER\",\"content\":"
                + "[{\"text\":\"hi\"}]}}"},
    };
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh().start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void malformedRequestsNeverCauseServerErrorsOrLeakInternals() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < ROUNDS; i++) {
            String[] endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            String path = endpoint[0];
            byte[] body = mutate(random, endpoint[1]);
            String method = path.endsWith("/tasks") ? (random.nextBoolean() ? "GET" : "POST") : "POST";
            HttpRequest request = agentx.request(path + (random.nextInt(5) == 0 ? "?pageSize=" + random.nextInt() : ""), false)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json")
                    .header("A2A-Version", path.contains("/v1/") || endpoint[1].contains("message/send")
                            || random.nextInt(8) == 0 ? "0.3" : "1.0")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
            String what = method + " " + request.uri() + " " + request.headers().map() + " "
                    + new String(body, StandardCharsets.UTF_8);
            HttpResponse<String> response;
            try {
                response = agentx.send(request);
            } catch (java.io.IOException e) {
                throw new AssertionError("no HTTP answer (" + e.getMessage() + ") for " + what, e);
            }
            assertTrue(response.statusCode() < 500, response.statusCode() + " for " + what + ": " + response.body());
            assertFalse(response.body().contains("Exception") || response.body().contains("\tat "),
                    "leaked internals for " + what + ": " + response.body());
        }
        HttpResponse<String> valid = agentx.send(agentx.request("/agents/echo", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)).build());
        assertEquals(200, valid.statusCode());
        assertTrue(valid.body().contains("TASK_STATE_COMPLETED"), "still serving after the fuzzing: " + valid.body());
    }

    private static byte[] mutate(Random random, String valid) {
        StringBuilder text = new StringBuilder(valid);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            if (text.length() == 0) {
                text.append('{');
            }
            int at = random.nextInt(text.length());
            switch (random.nextInt(9)) {
                case 0 -> text.setLength(at);
                case 1 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 2 -> text.insert(at, "123456789012345678901234567890123456789");
                case 3 -> text.insert(at, "[".repeat(50 + random.nextInt(2000)));
                case 4 -> text.insert(at, "{\"a\":".repeat(50 + random.nextInt(500)));
                case 5 -> text.insert(at, "null");
                case 6 -> text.insert(at, "\"\\udfff\"");
                case 7 -> text.insert(at, "1e99999");
                default -> text.insert(at, "true");
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) 0xC3; // invalid UTF-8 sequence
        }
        return bytes;
    }
}
