package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Large messages, several at once, on the default heap (512 MB) and the default H2 store. The echo agent's task
 * holds a message's text four times over (history, status message, artifact). Tasks within the store's limit are
 * served and stored; larger ones are refused with an error naming the limit; the database stays up either way
 * (tasks of tens of megabytes used to run H2 out of heap, after which it closed and failed every request). Large
 * requests are served a few at a time (eight 9 MB ones at once ran the heap out of memory); one that cannot get its
 * turn in time is told to retry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeTasksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh();
        agentx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    @Order(1)
    void tasksWithinTheLimitAreServedAndStoredSeveralAtOnce() throws Exception {
        String text = "y".repeat(3 * 1024 * 1024); // a task of ~12 MB of JSON
        for (HttpResponse<String> answer : sendTogether(4, text)) {
            assertEquals(200, answer.statusCode(), excerpt(answer.body()));
            JsonNode task = JSON.readTree(answer.body()).at("/result/task");
            assertEquals("TASK_STATE_COMPLETED", task.at("/status/state").asText(), excerpt(answer.body()));
            assertEquals(text.length(), task.at("/artifacts/0/parts/0/text").asText().length());
            HttpResponse<String> stored = agentx.send(rpc("GetTask", Map.of("id", task.at("/id").asText(),
                    "historyLength", 0)));
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(stored.body()).at("/result/status/state").asText(),
                    excerpt(stored.body()));
        }
        assertDatabaseUp();
    }

    @Test
    @Order(2)
    void tasksOverTheLimitAreRefusedClearlyAndTheStoreStaysUp() throws Exception {
        String text = "z".repeat(9 * 1024 * 1024); // a task of ~36 MB of JSON, over the 16 MB default
        for (HttpResponse<String> answer : sendTogether(8, text)) { // eight at once: served two at a time
            assertEquals(200, answer.statusCode(), excerpt(answer.body()));
            JsonNode error = JSON.readTree(answer.body()).at("/error");
            assertEquals(-32600, error.at("/code").asInt(), excerpt(answer.body()));
            assertTrue(error.at("/message").asText().contains("maxTaskBytes"), excerpt(answer.body()));
        }
        assertDatabaseUp();
    }

    @Test
    @Order(3)
    void aLargeRequestThatCannotGetItsTurnInTimeIsToldToRetry() throws Exception {
        configure(Map.of("maxLargeRequests", 1, "largeRequestWaitMillis", 0));

        int served = 0;
        int refused = 0;
        for (HttpResponse<String> answer : sendTogether(3, "w".repeat(3 * 1024 * 1024))) {
            JsonNode body = JSON.readTree(answer.body());
            if (body.has("error")) {
                assertEquals(-32042, body.at("/error/code").asInt(), excerpt(answer.body()));
                assertTrue(body.at("/error/message").asText().contains("maxLargeRequests"), excerpt(answer.body()));
                assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""), "Retry-After");
                refused++;
            } else {
                assertEquals("TASK_STATE_COMPLETED", body.at("/result/task/status/state").asText(), excerpt(answer.body()));
                served++;
            }
        }
        assertTrue(served >= 1 && refused >= 1, "one served at a time, the others told to retry: served " + served
                + ", refused " + refused);
        assertDatabaseUp();
    }

    /**
     * Large requests waiting for their turn are suspended, not parked on a request thread: more of them than Jetty has
     * threads leave small requests answered at once, and every turn comes back when they are abandoned.
     */
    @Test
    @Order(4)
    void largeRequestsWaitingForTheirTurnHoldUpNoSmallRequest() throws Exception {
        configure(Map.of("maxLargeRequests", 1, "largeRequestWaitMillis", 20_000));
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            sockets.add(largeRequest(1024)); // has the turn, and is stuck reading the rest of its body
            Thread.sleep(500);
            for (int i = 0; i < 250; i++) { // more than Jetty's 200 request threads, all waiting for that turn
                sockets.add(largeRequest(0));
            }
            Thread.sleep(2_000);
            HttpResponse<String> small = agentx.send(HttpRequest.newBuilder(send("not held up"), (name, value) -> true)
                    .timeout(Duration.ofSeconds(5)).build());
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(small.body()).at("/result/task/status/state").asText(),
                    excerpt(small.body()));
        } finally {
            for (java.net.Socket socket : sockets) {
                socket.close();
            }
        }
        // the abandoned requests gave every turn back: three large ones are served, one after another
        for (HttpResponse<String> answer : sendTogether(3, "v".repeat(2 * 1024 * 1024))) {
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(answer.body()).at("/result/task/status/state").asText(),
                    excerpt(answer.body()));
        }
        assertDatabaseUp();
    }

    @Test
    @Order(5)
    void aSuspendedLargeRequestWhoseTimeIsUpIsToldToRetry() throws Exception {
        configure(Map.of("maxLargeRequests", 1, "largeRequestWaitMillis", 1_000));
        try (java.net.Socket holder = largeRequest(1024)) {
            Thread.sleep(500);
            long start = System.nanoTime();
            HttpResponse<String> answer = sendTogether(1, "u".repeat(2 * 1024 * 1024)).get(0);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            JsonNode body = JSON.readTree(answer.body());
            assertEquals(-32042, body.at("/error/code").asInt(), excerpt(answer.body()));
            assertTrue(body.at("/error/message").asText().contains("waited 1000 ms"), excerpt(answer.body()));
            assertEquals("1", answer.headers().firstValue("Retry-After").orElse(""), "Retry-After");
            assertTrue(waited >= 900 && waited < 15_000, "refused after its wait, not before nor much later: " + waited + " ms");
        }
        assertDatabaseUp();
    }

    @Test
    @Order(6)
    void aLargeRequestWithoutCredentialsIsRefusedAtOnceNotQueued() throws Exception {
        configure(Map.of("maxLargeRequests", 1, "largeRequestWaitMillis", 20_000));
        try (java.net.Socket holder = largeRequest(1024)) { // the only turn, held
            Thread.sleep(500);
            long start = System.nanoTime();
            HttpRequest withoutCredentials = HttpRequest.newBuilder(send("t".repeat(2 * 1024 * 1024)),
                    (name, value) -> !name.equalsIgnoreCase("X-API-Key")).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> answer = CLIENT.send(withoutCredentials, HttpResponse.BodyHandlers.ofString());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(401, answer.statusCode(), excerpt(answer.body()));
            assertTrue(waited < 10_000, "refused without waiting for the turn: " + waited + " ms");
        }
        assertDatabaseUp();
    }

    /** A body sent in chunks announces no length: it may be as large as maxBodyBytes, so it waits for a turn too. */
    @Test
    @Order(7)
    void aRequestWithAChunkedBodyWaitsForItsTurnToo() throws Exception {
        configure(Map.of("maxLargeRequests", 1, "largeRequestWaitMillis", 1_000));
        try (java.net.Socket holder = largeRequest(1024)) {
            Thread.sleep(500);
            HttpResponse<String> answer = CLIENT.send(sendChunked("a small body in chunks"),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(answer.body());
            assertEquals(-32042, body.at("/error/code").asInt(), excerpt(answer.body()));
            assertTrue(body.at("/error/message").asText().contains("waited 1000 ms"), excerpt(answer.body()));
        }
        HttpResponse<String> answer = CLIENT.send(sendChunked("served once the turn is free"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("TASK_STATE_COMPLETED", JSON.readTree(answer.body()).at("/result/task/status/state").asText(),
                excerpt(answer.body()));
        assertDatabaseUp();
    }

    /** A SendMessage announcing a 2 MiB body of which only {@code sent} bytes are sent. */
    private static java.net.Socket largeRequest(int sent) throws Exception {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", agentx.port());
        java.io.OutputStream out = socket.getOutputStream();
        out.write(("POST /agents/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "A2A-Version: 1.0\r\nX-API-Key: " + AgentxProcess.API_KEY + "\r\nContent-Length: " + 2 * 1024 * 1024
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(" ".repeat(sent).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void configure(Map<String, Object> settings) throws Exception {
        Path config = agentx.home().resolve("config/io.agentx.http.cfg.json");
        Path temporary = config.resolveSibling("io.agentx.http.tmp");
        int applied = count(agentx.console(), "io.agentx.http applied");
        Files.writeString(temporary, JSON.writeValueAsString(settings), StandardCharsets.UTF_8);
        Files.move(temporary, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(agentx.console(), "io.agentx.http applied") == applied) {
            assertTrue(System.nanoTime() < deadline, "the configuration was not applied");
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // the servlet takes it up
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void assertDatabaseUp() throws Exception {
        HttpResponse<String> small = agentx.send(send("still there?"));
        assertEquals("TASK_STATE_COMPLETED", JSON.readTree(small.body()).at("/result/task/status/state").asText(),
                excerpt(small.body()));
        String console = agentx.console();
        assertFalse(console.contains("OutOfMemoryError"), "AgentX ran out of memory");
        assertFalse(console.contains("lost its database"), "the task store lost its database");
    }

    private static List<HttpResponse<String>> sendTogether(int count, String text) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(CLIENT.sendAsync(send(text), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> send : sends) {
            answers.add(send.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static HttpRequest send(String text) throws Exception {
        return rpc("SendMessage", sendParams(text));
    }

    /** The same SendMessage with its body sent in chunks: it announces no length. */
    private static HttpRequest sendChunked(String text) throws Exception {
        byte[] body = JSON.writeValueAsBytes(envelope("SendMessage", sendParams(text)));
        return post(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    }

    private static Map<String, Object> sendParams(String text) {
        return Map.of("message", Map.of("messageId", UUID.randomUUID().toString(), "role", "ROLE_USER",
                "parts", List.of(Map.of("text", text))));
    }

    private static HttpRequest rpc(String method, Map<String, Object> params) throws Exception {
        return post(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(envelope(method, params))));
    }

    private static Map<String, Object> envelope(String method, Map<String, Object> params) {
        return Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params);
    }

    private static HttpRequest post(HttpRequest.BodyPublisher body) throws Exception {
        return agentx.request("/agents/echo", false).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("A2A-Version", "1.0").POST(body).build();
    }

    private static String excerpt(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
