package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stream quiet for longer than streamIdleTimeoutMillis ends with an error event saying why; the task goes on. */
class SseIdleTimeoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh();
        Files.writeString(agentx.home().resolve("config/io.agentx.http.cfg.json"),
                JSON.writeValueAsString(Map.of("streamIdleTimeoutMillis", 1_000, "keepAliveMillis", 300)));
        agentx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void aQuietStreamEndsWithAnErrorEventSayingWhyAndTheTaskGoesOn() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> stream = rpc(2, "SendStreamingMessage", Map.of("message", Map.of("messageId",
                UUID.randomUUID().toString(), "role", "ROLE_USER", "parts", List.of(Map.of("text", "wait for me")))));
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertEquals(200, stream.statusCode(), stream.body());
        assertTrue(took >= 900 && took < 15_000, "closed after about the idle timeout: " + took + " ms");
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : stream.body().split("\n")) {
            if (line.startsWith("data:")) {
                events.add(JSON.readTree(line.substring(5)));
            }
        }
        assertTrue(stream.body().contains(": keep-alive"), "keep-alives were sent and do not count: " + stream.body());
        JsonNode last = events.get(events.size() - 1);
        assertTrue(last.at("/error/message").asText().contains("streamIdleTimeoutMillis"), last.toString());
        String taskId = events.get(0).at("/result/task/id").asText();

        JsonNode task = JSON.readTree(rpc(3, "GetTask", Map.of("id", taskId)).body());
        assertEquals("TASK_STATE_WORKING", task.at("/result/status/state").asText(), "the task goes on: " + task);
        rpc(4, "CancelTask", Map.of("id", taskId));
    }

    private static HttpResponse<String> rpc(int id, String method, Map<String, Object> params) throws Exception {
        return agentx.send(agentx.request("/agents/echo", false).header("Content-Type", "application/json")
                .header("A2A-Version", "1.0").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id,
                        "method", method, "params", params)))).build());
    }
}
