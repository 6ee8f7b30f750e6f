package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management REST API and the Web Console of a running distribution, over HTTP. */
class ManagementApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = "application/java-archive";
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
    void apiAndConsoleNeedTheAdminCredentials() throws Exception {
        HttpResponse<String> anonymous = agentx.get("/api/v1/bundles", false);
        assertEquals(401, anonymous.statusCode());
        assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        assertEquals(401, agentx.get("/system/console/bundles", false).statusCode());
        HttpResponse<String> defaultLogin = agentx.send(agentx.request("/system/console/bundles", false)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
        assertEquals(401, defaultLogin.statusCode(), "admin/admin must never work");
        assertEquals(200, agentx.get("/system/console/bundles", true).statusCode());
        assertEquals(200, agentx.get("/system/console/components", true).statusCode());
        assertEquals(200, agentx.get("/system/console/configMgr", true).statusCode());
    }

    @Test
    void listsBundlesWithStateAndVersion() throws Exception {
        JsonNode bundles = JSON.readTree(agentx.get("/api/v1/bundles", true).body());
        JsonNode management = find(bundles, "io.agentx.management");
        assertEquals("ACTIVE", management.get("state").asText());
        assertTrue(management.get("version").asText().startsWith("0.1.0"));
        for (String framework : List.of("langchain", "langgraph", "mastra", "autogen", "crewai", "semantic-kernel")) {
            assertEquals("ACTIVE", find(bundles, "io.agentx.adapter." + framework).get("state").asText(),
                    "framework adapters ship as bundles of their own: " + framework);
        }
        assertEquals(404, agentx.get("/api/v1/bundles/99999", true).statusCode());
        assertEquals(400, agentx.get("/api/v1/bundles/abc", true).statusCode());
    }

    @Test
    void installUpdateAndUninstallABundle() throws Exception {
        byte[] v1 = TestJars.withVersion(TestJars.example(agentx.home()), "1.0.0");
        HttpResponse<String> installed = agentx.send("POST", "/api/v1/bundles", JAR, v1);
        assertEquals(201, installed.statusCode(), installed.body());
        JsonNode bundle = JSON.readTree(installed.body());
        long id = bundle.get("id").asLong();
        assertEquals("ACTIVE", bundle.get("state").asText());
        assertEquals("/api/v1/bundles/" + id, installed.headers().firstValue("Location").orElse(""));
        agentx.awaitGet("/hello?name=Ada", 200, "Hello, Ada! (example 1.0.0)", Duration.ofSeconds(5));

        assertEquals(409, agentx.send("POST", "/api/v1/bundles", JAR, v1).statusCode(), "same name and version twice");

        String healthModified = find(JSON.readTree(agentx.get("/api/v1/bundles", true).body()), "io.agentx.health")
                .get("lastModified").asText();
        HttpResponse<String> updated = agentx.send("PUT", "/api/v1/bundles/" + id, JAR,
                TestJars.withVersion(TestJars.example(agentx.home()), "1.1.0"));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("1.1.0", JSON.readTree(updated.body()).get("version").asText());
        agentx.awaitGet("/hello", 200, "(example 1.1.0)", Duration.ofSeconds(5));
        JsonNode health = find(JSON.readTree(agentx.get("/api/v1/bundles", true).body()), "io.agentx.health");
        assertEquals("ACTIVE", health.get("state").asText());
        assertEquals(healthModified, health.get("lastModified").asText(), "an unrelated bundle is untouched");

        assertEquals(200, agentx.send("POST", "/api/v1/bundles/" + id + "/stop", null, new byte[0]).statusCode());
        agentx.awaitGet("/hello", 404, "", Duration.ofSeconds(5));
        assertEquals(200, agentx.send("POST", "/api/v1/bundles/" + id + "/start", null, new byte[0]).statusCode());
        agentx.awaitGet("/hello", 200, "(example 1.1.0)", Duration.ofSeconds(5));

        assertEquals(204, agentx.send("DELETE", "/api/v1/bundles/" + id, null, new byte[0]).statusCode());
        agentx.awaitGet("/hello", 404, "", Duration.ofSeconds(5));
        assertEquals(404, agentx.get("/api/v1/bundles/" + id, true).statusCode());
    }

    @Test
    void cardsListTheGrpcInterfaceOnlyWhileTheGrpcBundleIsActive() throws Exception {
        String card = "/agents/echo/.well-known/agent-card.json";
        agentx.awaitGet(card, 200, "\"GRPC\"", Duration.ofSeconds(5));
        agentx.awaitGet("/.well-known/agent-card.json", 200, "\"GRPC\"", Duration.ofSeconds(5));
        String id = find(JSON.readTree(agentx.get("/api/v1/bundles", true).body()), "io.agentx.grpc").get("id").asText();
        try {
            assertEquals(200, agentx.send("POST", "/api/v1/bundles/" + id + "/stop", null, new byte[0]).statusCode());
            JsonNode withoutGrpc = JSON.readTree(agentx.get(card, false).body());
            for (JsonNode agentInterface : withoutGrpc.get("supportedInterfaces")) {
                assertTrue(!agentInterface.get("protocolBinding").asText().equals("GRPC"), "dropped: " + withoutGrpc);
            }
            assertTrue(!agentx.get("/.well-known/agent-card.json", false).body().contains("\"GRPC\""),
                    "the gateway card drops it too");
            HttpResponse<String> sent = agentx.send(agentx.request("/agents/echo?A2A-Version=1.0", false)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{"
                            + "\"messageId\":\"g1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hi\"}]}}}"))
                    .build());
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(sent.body()).at("/result/task/status/state").asText(),
                    "JSON-RPC serves on: " + sent.body());
        } finally {
            assertEquals(200, agentx.send("POST", "/api/v1/bundles/" + id + "/start", null, new byte[0]).statusCode());
        }
        agentx.awaitGet(card, 200, "\"GRPC\"", Duration.ofSeconds(10));
    }

    @Test
    void badUploadsGetClearProblems() throws Exception {
        HttpResponse<String> notJar = agentx.send("POST", "/api/v1/bundles", JAR, "hello".getBytes());
        assertEquals(400, notJar.statusCode());
        assertTrue(JSON.readTree(notJar.body()).get("detail").asText().contains("not a jar"), notJar.body());

        HttpResponse<String> noManifest = agentx.send("POST", "/api/v1/bundles", JAR, TestJars.withoutManifest());
        assertEquals(400, noManifest.statusCode());
        assertTrue(noManifest.body().contains("MANIFEST.MF"), noManifest.body());

        HttpResponse<String> wrongType = agentx.send("POST", "/api/v1/bundles", "text/plain",
                Files.readAllBytes(TestJars.example(agentx.home())));
        assertEquals(415, wrongType.statusCode());

        HttpResponse<String> limit = agentx.send("PUT", "/api/v1/configurations/io.agentx.management",
                "application/json", "{\"maxUploadBytes\": 2048}".getBytes());
        assertEquals(200, limit.statusCode(), limit.body());
        try {
            HttpResponse<String> tooLarge = null;
            for (int i = 0; i < 200; i++) { // the new limit applies once Config Admin has delivered it
                tooLarge = agentx.send("POST", "/api/v1/bundles", JAR, new byte[4096]);
                if (tooLarge.statusCode() == 413) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        } finally {
            agentx.send("PUT", "/api/v1/configurations/io.agentx.management", "application/json",
                    "{\"maxUploadBytes\": 67108864}".getBytes());
            awaitUploadLimitAbove(4096); // other tests upload real jars
        }
    }

    @Test
    void brokenBundleIsReportedAndTheRestKeepsServing() throws Exception {
        byte[] broken = BrokenBundles.unresolvable("e2e.broken");
        HttpResponse<String> installed = agentx.send("POST", "/api/v1/bundles", JAR, broken);
        assertEquals(201, installed.statusCode(), installed.body());
        JsonNode bundle = JSON.readTree(installed.body());
        assertEquals("INSTALLED", bundle.get("state").asText());
        assertTrue(bundle.get("problems").toString().contains("does.not.exist"), installed.body());
        assertEquals(409, agentx.send("POST", "/api/v1/bundles/" + bundle.get("id").asLong() + "/start", null,
                new byte[0]).statusCode());
        assertEquals(200, agentx.get("/health/live", false).statusCode());
        assertEquals(200, agentx.get("/api/v1/bundles", true).statusCode());
        agentx.send("DELETE", "/api/v1/bundles/" + bundle.get("id").asLong(), null, new byte[0]);
    }

    @Test
    void configurationIsValidatedAgainstItsMetatype() throws Exception {
        HttpResponse<String> invalid = agentx.send("PUT", "/api/v1/configurations/io.agentx.management",
                "application/json", "{\"maxUploadBytes\": \"lots\", \"colour\": 1}".getBytes());
        assertEquals(400, invalid.statusCode());
        JsonNode problem = JSON.readTree(invalid.body());
        assertTrue(problem.get("detail").asText().contains("io.agentx.management"), invalid.body());
        assertEquals("maxUploadBytes", problem.get("errors").get(0).get("property").asText());
        assertTrue(problem.get("errors").get(0).get("message").asText().contains("expected an integer"), invalid.body());
        assertEquals("colour", problem.get("errors").get(1).get("property").asText());

        HttpResponse<String> outOfRange = agentx.send("PUT", "/api/v1/configurations/io.agentx.management",
                "application/json", "{\"maxUploadBytes\": 10}".getBytes());
        assertEquals(400, outOfRange.statusCode(), outOfRange.body());

        assertEquals(400, agentx.send("PUT", "/api/v1/configurations/io.agentx.management", "application/json",
                "{not json".getBytes()).statusCode());
        assertEquals(415, agentx.send("PUT", "/api/v1/configurations/io.agentx.management", "text/plain",
                "{}".getBytes()).statusCode());

        JsonNode current = JSON.readTree(agentx.get("/api/v1/configurations/io.agentx.management", true).body());
        assertNotEquals("lots", current.get("properties").path("maxUploadBytes").asText());
        assertEquals(404, agentx.get("/api/v1/configurations/no.such.pid", true).statusCode());
    }

    private static void awaitUploadLimitAbove(int bytes) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (agentx.send("POST", "/api/v1/bundles", JAR, new byte[bytes]).statusCode() != 413) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the restored upload limit was never applied");
    }

    private static JsonNode find(JsonNode bundles, String symbolicName) {
        for (JsonNode bundle : bundles) {
            if (symbolicName.equals(bundle.get("symbolicName").asText())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " not listed in " + bundles);
    }
}
