package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP settings a user sets to bound requests and shape cards, each in force: maxParts, maxJsonDepth,
 * publicBaseUrl; and the A2A version asked for in the query instead of the header.
 */
class RequestLimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_BASE = "https://agents.example.com/a2a";
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh();
        Files.writeString(agentx.home().resolve("config/io.agentx.http.cfg.json"), JSON.writeValueAsString(
                Map.of("maxParts", 2, "maxJsonDepth", 8, "publicBaseUrl", PUBLIC_BASE)));
        agentx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void aMessageWithMorePartsThanMaxPartsIsRefusedNamingTheSetting() throws Exception {
        JsonNode refused = send("/agents/echo", message(3, Map.of()), true);
        assertEquals(-32602, refused.at("/error/code").asInt(), refused.toString());
        assertTrue(refused.at("/error/message").asText().contains("has 3 parts; at most 2 are accepted (maxParts"),
                refused.toString());
        JsonNode served = send("/agents/echo", message(2, Map.of()), true);
        assertEquals("TASK_STATE_COMPLETED", served.at("/result/task/status/state").asText(), served.toString());
    }

    @Test
    void aBodyNestedDeeperThanMaxJsonDepthIsRefusedNamingTheSetting() throws Exception {
        Map<String, Object> nested = new HashMap<>();
        Map<String, Object> inner = nested;
        for (int i = 0; i < 10; i++) {
            Map<String, Object> next = new HashMap<>();
            inner.put("deeper", next);
            inner = next;
        }
        JsonNode refused = send("/agents/echo", message(1, nested), true);
        assertEquals(-32600, refused.at("/error/code").asInt(), refused.toString());
        assertTrue(refused.at("/error/message").asText().contains("maxJsonDepth"), refused.toString());
        assertEquals("TASK_STATE_COMPLETED", send("/agents/echo", message(1, Map.of("shallow", 1)), true)
                .at("/result/task/status/state").asText(), "the server keeps serving");
    }

    @Test
    void cardsGiveThePublicBaseUrlNotTheAddressAsked() throws Exception {
        JsonNode card = JSON.readTree(agentx.get("/agents/echo/.well-known/agent-card.json", false).body());
        assertEquals(PUBLIC_BASE + "/agents/echo", card.at("/supportedInterfaces/0/url").asText(), card.toString());
        assertEquals(PUBLIC_BASE + "/agents/echo", card.at("/url").asText(), "the 0.3 url too");
        JsonNode gateway = JSON.readTree(agentx.get("/.well-known/agent-card.json", false).body());
        assertTrue(gateway.at("/supportedInterfaces/0/url").asText().startsWith(PUBLIC_BASE), gateway.toString());
    }

    @Test
    void theVersionMayBeAskedForInTheQuery() throws Exception {
        JsonNode v10 = send("/agents/echo?A2A-Version=1.0", message(1, Map.of()), false);
        assertEquals("TASK_STATE_COMPLETED", v10.at("/result/task/status/state").asText(), "1.0 shape: " + v10);
        JsonNode unsupported = send("/agents/echo?A2A-Version=9.9", message(1, Map.of()), false);
        assertEquals(-32009, unsupported.at("/error/code").asInt(), unsupported.toString());
    }

    @Test
    void theA2aMediaTypeIsAcceptedLikeJsonAndOtherTypesAre415() throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params",
                Map.of("message", message(1, Map.of()))));
        HttpResponse<String> a2a = agentx.send(agentx.request("/agents/echo", false)
                .header("Content-Type", "application/a2a+json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, a2a.statusCode(), a2a.body());
        assertEquals("TASK_STATE_COMPLETED", JSON.readTree(a2a.body()).at("/result/task/status/state").asText(), a2a.body());

        HttpResponse<String> text = agentx.send(agentx.request("/agents/echo", false)
                .header("Content-Type", "text/plain").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(415, text.statusCode(), text.body());
        assertTrue(text.body().contains("text/plain"), "the answer names what was sent: " + text.body());
    }

    private static Map<String, Object> message(int parts, Map<String, Object> metadata) {
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            texts.add(Map.of("text", "part " + i));
        }
        return Map.of("messageId", UUID.randomUUID().toString(), "role", "ROLE_USER", "parts", texts,
                "metadata", metadata);
    }

    /** A JSON-RPC SendMessage; {@code versionHeader}: with {@code A2A-Version: 1.0}. */
    private static JsonNode send(String path, Map<String, Object> message, boolean versionHeader) throws Exception {
        HttpRequest.Builder request = agentx.request(path, false).header("Content-Type", "application/json");
        if (versionHeader) {
            request.header("A2A-Version", "1.0");
        }
        HttpResponse<String> answer = agentx.send(request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params", Map.of("message", message)))))
                .build());
        return JSON.readTree(answer.body());
    }
}
