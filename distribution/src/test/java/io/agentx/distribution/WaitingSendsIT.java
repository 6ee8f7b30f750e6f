package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking SendMessages whose tasks keep working do not hold the server's request threads: with more of them
 * waiting than Jetty has threads (200), other requests are still answered at once, and each waiting send gets
 * its task as it stands when the send timeout passes.
 */
class WaitingSendsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAITING = 250;
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh();
        Files.writeString(agentx.home().resolve("config/io.agentx.core.cfg.json"),
                JSON.writeValueAsString(Map.of("sendTimeoutMillis", 10_000)));
        agentx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void moreWaitingSendsThanRequestThreadsLeaveTheServerAnswering() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < WAITING; i++) {
            waiting.add(client.sendAsync(sendMessage("wait " + i, Duration.ofSeconds(60)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(2_000); // every waiting send has reached the agent
        HttpResponse<String> probe = client.send(sendMessage("still there?", Duration.ofSeconds(5)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, probe.statusCode(), probe.body());
        assertEquals("TASK_STATE_COMPLETED", JSON.readTree(probe.body()).at("/result/task/status/state").asText(),
                probe.body());
        assertFalse(waiting.stream().anyMatch(CompletableFuture::isDone),
                "the waiting sends are still waiting while the probe was answered");

        for (CompletableFuture<HttpResponse<String>> send : waiting) {
            HttpResponse<String> answer = send.get(60, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode task = JSON.readTree(answer.body()).at("/result/task");
            assertEquals("TASK_STATE_WORKING", task.at("/status/state").asText(), answer.body());
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(true, seconds >= 9, "answered when the 10 s send timeout passed, not before: " + seconds + " s");
    }

    private static HttpRequest sendMessage(String text, Duration timeout) throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params",
                Map.of("message", Map.of("messageId", java.util.UUID.randomUUID().toString(), "role", "ROLE_USER",
                        "parts", List.of(Map.of("text", text))))));
        return agentx.request("/agents/echo", false).timeout(timeout).header("Content-Type", "application/json")
                .header("A2A-Version", "1.0").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
