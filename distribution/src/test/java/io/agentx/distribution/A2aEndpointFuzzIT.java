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
 * Throws random and malformed bodies at the A2A endpoints of a running AgentX: truncated and mutated JSON,
 * wrong types, huge numbers, deep nesting, invalid UTF-8. Every answer must be a client error (never a 5xx),
 * must not leak a stack trace, must come back quickly, and AgentX must keep serving.
 */
class A2aEndpointFuzzIT {
    private static final int ROUNDS = 600;
    private static final String VALID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":"
            + "{\"messageId\":\"m1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hi\"}]},\"configuration\":"
            + "{\"historyLength\":2,\"returnImmediately\":false}}}";
    private static final String[] PATHS = {"/agents/echo", "/agents/echo/rest/message:send", "/agents/echo/rest/tasks"};
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
            byte[] body = mutate(random);
            String path = PATHS[random.nextInt(PATHS.length)];
            String method = path.endsWith("/tasks") ? (random.nextBoolean() ? "GET" : "POST") : "POST";
            HttpRequest request = agentx.request(path + (random.nextInt(5) == 0 ? "?pageSize=" + random.nextInt() : ""), false)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json")
                    .header("A2A-Version", random.nextInt(8) == 0 ? "0.3" : "1.0")
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

    private static byte[] mutate(Random random) {
        StringBuilder text = new StringBuilder(VALID);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
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
