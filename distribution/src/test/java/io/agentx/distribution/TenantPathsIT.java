package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP+JSON binding's {@code /{tenant}/…} forms: a tenant's tasks are created, read, listed and canceled under
 * its prefix and exist in no other tenant, whatever the tenant is called (one named like a route included).
 */
class TenantPathsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void aTenantsTasksLiveUnderItsPrefixOnly() throws Exception {
        for (String tenant : List.of("acme", "tasks-team")) {
            HttpResponse<String> sent = post("/agents/echo/rest/" + tenant + "/message:send", Map.of("message",
                    Map.of("messageId", UUID.randomUUID().toString(), "role", "ROLE_USER",
                            "parts", List.of(Map.of("text", "for " + tenant)))));
            assertEquals(200, sent.statusCode(), tenant + ": " + sent.body());
            String taskId = JSON.readTree(sent.body()).at("/task/id").asText();

            HttpResponse<String> read = get("/agents/echo/rest/" + tenant + "/tasks/" + taskId);
            assertEquals(200, read.statusCode(), tenant + ": " + read.body());
            assertEquals("for " + tenant, JSON.readTree(read.body()).at("/artifacts/0/parts/0/text").asText(), read.body());

            JsonNode listed = JSON.readTree(get("/agents/echo/rest/" + tenant + "/tasks").body());
            assertEquals(taskId, listed.at("/tasks/0/id").asText(), listed.toString());
            assertEquals(1, listed.at("/totalSize").asInt(), "only this tenant's task: " + listed);

            HttpResponse<String> elsewhere = get("/agents/echo/rest/tasks/" + taskId);
            assertEquals(404, elsewhere.statusCode(), "not in the default tenant: " + elsewhere.body());
            assertTrue(elsewhere.body().contains("TASK_NOT_FOUND"), elsewhere.body());
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return agentx.send(agentx.request(path, false).header("A2A-Version", "1.0").GET().build());
    }

    private static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return agentx.send(agentx.request(path, false).header("A2A-Version", "1.0")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }
}
