package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in {@code echo} agent of a running distribution, driven by the real A2A client of another stack:
 * {@code src/test/js/a2a-e2e.mjs} with {@code @a2a-js/sdk}, once per protocol version and binding the agent
 * serves. The script prints a PASS/FAIL line per check; its output is the assertion message. It gets the admin
 * password so that, for the push notification checks, it can allow private push destinations through the
 * management API (and restore the setting afterwards) and receive the notifications on a local port.
 */
class A2aSdkClientIT {
    private static final long TIMEOUT_SECONDS = 120;
    private static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPTS.resolve("a2a-e2e.mjs")), "no a2a-e2e.mjs in " + SCRIPTS);
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/@a2a-js/sdk")), "no node_modules in " + SCRIPTS
                + ": install the test's Node.js dependencies first with `npm ci --prefix distribution/src/test/js`");
        agentx = AgentxProcess.fresh().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentx != null) {
            agentx.close();
        }
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @CsvSource({"1.0, JSONRPC", "1.0, HTTP+JSON", "1.0, GRPC", "0.3, JSONRPC", "0.3, HTTP+JSON"})
    void theA2aJsClientPassesEveryCheck(String mode, String binding) throws Exception {
        runChecks(mode, binding);
    }

    /**
     * With push notifications turned off ({@code pushEnabled} of {@code io.agentx.core}), the card says so, the SDK
     * refuses them for it, and the server answers PushNotificationNotSupported (-32003) when asked anyway.
     */
    @ParameterizedTest(name = "A2A {0} over {1}, push notifications turned off")
    @CsvSource({"1.0, JSONRPC", "1.0, GRPC"})
    void withPushNotificationsTurnedOffTheServerRefusesThem(String mode, String binding) throws Exception {
        String core = "/api/v1/configurations/io.agentx.core";
        int status = agentx.send("PUT", core, "application/json",
                "{\"pushEnabled\": false}".getBytes(StandardCharsets.UTF_8)).statusCode();
        assertTrue(status == 200 || status == 201, "configured: " + status);
        try {
            agentx.awaitGet("/agents/echo/.well-known/agent-card.json", 200, "\"pushNotifications\":false",
                    java.time.Duration.ofSeconds(10));
            runChecks(mode, binding);
        } finally {
            agentx.send("DELETE", core, null, new byte[0]);
            agentx.awaitGet("/agents/echo/.well-known/agent-card.json", 200, "\"pushNotifications\":true",
                    java.time.Duration.ofSeconds(10));
        }
    }

    private static void runChecks(String mode, String binding) throws Exception {
        Path output = Files.createTempFile(agentx.home(), "a2a-e2e-", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", "a2a-e2e.mjs").directory(SCRIPTS.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("BASE_URL", "http://127.0.0.1:" + agentx.port() + "/agents/echo/");
        builder.environment().put("MODE", mode);
        builder.environment().put("BINDING", binding);
        builder.environment().put("ADMIN_PASSWORD", AgentxProcess.PASSWORD);
        builder.environment().put("API_KEY", AgentxProcess.API_KEY);
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `node` (Node.js 20 or later must be on the PATH): " + e.getMessage(), e);
        }
        boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String console = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, "a2a-e2e.mjs (A2A " + mode + " over " + binding + ") did not finish within "
                + TIMEOUT_SECONDS + " s:\n" + console);
        assertEquals(0, node.exitValue(), "a2a-e2e.mjs (A2A " + mode + " over " + binding + ") failed:\n" + console);
    }

    /**
     * The service parameters of AgentX's A2A gRPC binding as call metadata, sent by a plain gRPC client
     * ({@code src/test/js/grpc-metadata.mjs}): {@code a2a-version} 0.3 is refused with VERSION_NOT_SUPPORTED, and a
     * task created with {@code agentx-tenant: acme} is found in that tenant only; bytes that are no protobuf
     * message get INVALID_ARGUMENT with PARSE_ERROR.
     */
    @Test
    void theGrpcBindingReadsTheA2aVersionAndTheTenantFromCallMetadata() throws Exception {
        JsonNode card = new ObjectMapper().readTree(agentx.get("/agents/echo/.well-known/agent-card.json", false).body());
        String target = null;
        for (JsonNode agentInterface : card.get("supportedInterfaces")) {
            if (agentInterface.get("protocolBinding").asText().equals("GRPC")) {
                target = agentInterface.get("url").asText(); // host:port, as gRPC clients dial it
            }
        }
        assertTrue(target != null, "the card lists a gRPC interface: " + card);
        ProcessBuilder builder = new ProcessBuilder("node", "grpc-metadata.mjs").directory(SCRIPTS.toFile())
                .redirectErrorStream(true);
        builder.environment().put("GRPC_TARGET", target);
        builder.environment().put("API_KEY", AgentxProcess.API_KEY);
        Process node = builder.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), output);
        JsonNode result = new ObjectMapper().readTree(output.substring(output.lastIndexOf('\n') + 1));

        assertEquals(9, result.at("/oldVersion/code").asInt(), "FAILED_PRECONDITION: " + result);
        assertEquals("VERSION_NOT_SUPPORTED", result.at("/oldVersion/reason").asText(), result.toString());
        assertTrue(result.at("/oldVersion/details").asText().contains("a2a-version '0.3'"), result.toString());
        assertEquals("TASK_STATE_COMPLETED", result.at("/created/state").asText(), result.toString());
        assertEquals(result.get("taskId").asText(), result.at("/sameTenant/id").asText(), result.toString());
        assertEquals(5, result.at("/otherTenant/code").asInt(), "NOT_FOUND in another tenant: " + result);
        assertEquals("TASK_NOT_FOUND", result.at("/otherTenant/reason").asText(), result.toString());
        assertEquals(5, result.at("/noTenant/code").asInt(), "NOT_FOUND without the tenant: " + result);
        assertEquals(3, result.at("/garbage/code").asInt(), "INVALID_ARGUMENT, not UNKNOWN: " + result);
        assertEquals("PARSE_ERROR", result.at("/garbage/reason").asText(), result.toString());
        assertTrue(result.at("/garbage/details").asText().contains("SendMessage"), result.toString());
    }
}
