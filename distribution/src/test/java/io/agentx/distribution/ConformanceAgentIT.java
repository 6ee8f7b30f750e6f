package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TCK conformance agent, hot-deployed from examples/ into deploy/, answers the A2A TCK scenario prefixes
 * over JSON-RPC 1.0.
 */
class ConformanceAgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh().start();
        Files.copy(agentx.home().resolve("examples/agentx-conformance-agent.jar"),
                agentx.home().resolve("deploy/agentx-conformance-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        agentx.awaitGet("/agents/conformance/.well-known/agent-card.json", 200, "TCK", Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void completesRejectsAndAsksForInput() throws Exception {
        assertEquals("Hello from TCK", send("tck-complete-task-1").at("/result/task/status/message/parts/0/text").asText());
        JsonNode rejected = send("tck-reject-task-1").at("/result/task/status");
        assertEquals("TASK_STATE_REJECTED", rejected.get("state").asText());
        assertEquals("rejected", rejected.at("/message/parts/0/text").asText());
        assertEquals("TASK_STATE_INPUT_REQUIRED", send("tck-input-required-1").at("/result/task/status/state").asText());
    }

    @Test
    void producesEachKindOfArtifact() throws Exception {
        assertEquals("Generated text content", send("tck-artifact-text-1").at("/result/task/artifacts/0/parts/0/text").asText());
        JsonNode file = send("tck-artifact-file-1").at("/result/task/artifacts/0/parts/0");
        assertEquals("output.txt", file.get("filename").asText());
        assertEquals("text/plain", file.get("mediaType").asText());
        assertTrue(file.has("raw"), file.toString());
        assertEquals("https://example.com/output.txt", send("tck-artifact-file-url-1").at("/result/task/artifacts/0/parts/0/url").asText());
        JsonNode data = send("tck-artifact-data-1").at("/result/task/artifacts/0/parts/0/data");
        assertEquals(42, data.get("count").asInt());
        assertEquals("value", data.get("key").asText());
    }

    @Test
    void answersWithAMessageInsteadOfATask() throws Exception {
        JsonNode result = send("tck-message-response-1").get("result");
        assertEquals("Direct message response", result.at("/message/parts/0/text").asText(), result.toString());
        assertTrue(!result.has("task"), result.toString());

        HttpResponse<String> stream = agentx.send(agentx.request("/agents/conformance", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body("SendStreamingMessage", "tck-message-response-2"))).build());
        String[] events = stream.body().lines().filter(line -> line.startsWith("data: ")).toArray(String[]::new);
        assertEquals(1, events.length, "a message-only stream carries exactly one message: " + stream.body());
        assertTrue(events[0].contains("\"message\"") && events[0].contains("Direct message response"), events[0]);
    }

    @Test
    void blockingSendWaitsForTheDelayedCompletionAndReturnImmediatelyDoesNot() throws Exception {
        assertEquals("TASK_STATE_COMPLETED", send("tck-delayed-complete-1").at("/result/task/status/state").asText());
        String immediate = agentx.send(agentx.request("/agents/conformance", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\","
                        + "\"params\":{\"message\":{\"messageId\":\"tck-delayed-complete-2\",\"role\":\"ROLE_USER\","
                        + "\"parts\":[{\"text\":\"x\"}]},\"configuration\":{\"returnImmediately\":true}}}")).build()).body();
        String state = JSON.readTree(immediate).at("/result/task/status/state").asText();
        assertTrue(state.equals("TASK_STATE_SUBMITTED") || state.equals("TASK_STATE_WORKING"), immediate);
    }

    private static JsonNode send(String messageId) throws Exception {
        HttpResponse<String> response = agentx.send(agentx.request("/agents/conformance", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body("SendMessage", messageId))).build());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String body(String method, String messageId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"message\":{\"messageId\":\""
                + messageId + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"tck\"}]}}}";
    }
}
