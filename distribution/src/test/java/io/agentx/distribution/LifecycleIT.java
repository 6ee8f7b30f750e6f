package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Start-up, readiness, graceful shutdown and start-up failures of the real distribution. */
class LifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startsReadyAndStopsGracefullyOnSigterm() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().start()) {
            String console = agentx.console();
            assertTrue(Pattern.compile("AgentX \\S+ ready on http://127\\.0\\.0\\.1:" + agentx.port()
                    + " \\(\\d+ bundles, \\d+ ms\\)").matcher(console).find(), console);

            HttpResponse<String> ready = agentx.get("/health/ready", false);
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode body = JSON.readTree(ready.body());
            assertEquals("READY", body.get("status").asText());
            assertTrue(body.get("bundles").asInt() >= 20, ready.body());
            assertEquals(200, agentx.get("/health/live", false).statusCode());

            assertTrue(Files.size(agentx.home().resolve("logs/agentx.log")) > 0, "logs/agentx.log is written");

            assertEquals(0, agentx.terminate(), "SIGTERM exits 0");
            assertTrue(agentx.console().contains("AgentX stopped"), agentx.console());
        }
    }

    @Test
    void sigtermLetsAnInFlightRequestFinishAndTurnsNewOnesAway() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().start();
                Socket socket = new Socket("127.0.0.1", agentx.port())) {
            // a configuration update whose body is only half sent when SIGTERM arrives
            byte[] body = ("{\"maxJsonBytes\": 4096" + " ".repeat(2000) + "}").getBytes(StandardCharsets.UTF_8);
            String credentials = Base64.getEncoder().encodeToString(("admin:" + AgentxProcess.PASSWORD).getBytes());
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/configurations/io.agentx.management HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + credentials + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(500);

            agentx.pid().destroy();
            assertTrue(turnsAwayNewRequests(agentx), "new requests are refused (503 or no connection) while draining");

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("\"maxJsonBytes\":4096"), response);
            assertEquals(0, agentx.waitForExit());
        }
    }

    private static boolean turnsAwayNewRequests(AgentxProcess agentx) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Thread.sleep(20);
            try {
                if (agentx.get("/health/live", false).statusCode() == 503) {
                    return true;
                }
            } catch (Exception e) {
                return true; // the connector no longer accepts
            }
        }
        return false;
    }

    /**
     * "Ready" means configured: a configuration file present at start is in force for the first request after
     * AgentX says it is ready; an unreadable one is reported and does not keep AgentX from becoming ready.
     */
    @Test
    void configurationFilesPresentAtStartAreInForceOnceReady() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Files.writeString(agentx.home().resolve("config/io.agentx.http.cfg.json"), "{\"maxBodyBytes\": 2048}");
            Files.writeString(agentx.home().resolve("config/io.agentx.broken.cfg.json"), "{\"unfinished\": ");
            agentx.start();

            String body = JSON.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage",
                    "params", java.util.Map.of("message", java.util.Map.of("messageId", "m-1", "role", "ROLE_USER",
                            "parts", java.util.List.of(java.util.Map.of("text", "x".repeat(4096)))))));
            HttpResponse<String> tooLarge = agentx.send(agentx.request("/agents/echo", false)
                    .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(413, tooLarge.statusCode(), "the 2048-byte limit from config/ applies at once: " + tooLarge.body());

            String console = agentx.console();
            int applied = console.indexOf("Configuration io.agentx.http applied from io.agentx.http.cfg.json");
            assertTrue(applied >= 0 && applied < console.indexOf(" ready on http"), "applied, then ready:\n" + console);
            assertTrue(console.contains("io.agentx.broken.cfg.json is not valid JSON"), console);
            assertEquals(200, agentx.get("/health/ready", false).statusCode());
        }
    }

    @Test
    void restartKeepsServingFromTheCache() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().start()) {
            assertEquals(0, agentx.terminate());
            agentx.start();
            assertEquals(200, agentx.get("/health/ready", false).statusCode());
        }
    }

    @Test
    void portInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                AgentxProcess agentx = AgentxProcess.fresh()) {
            agentx.env("AGENTX_HTTP_PORT", Integer.toString(taken.getLocalPort())).launch();
            assertEquals(1, agentx.waitForExit());
            String console = agentx.console().strip();
            assertTrue(console.startsWith("AgentX cannot start: port " + taken.getLocalPort()), console);
            assertEquals(1, console.lines().count(), "one line, no stack trace:\n" + console);
        }
    }

    /** The gRPC server starts beside the rest of AgentX; when it cannot listen, readiness says why and HTTP serves on. */
    @Test
    void grpcPortInUseLeavesHttpServingAndReadinessNamesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                AgentxProcess agentx = AgentxProcess.fresh()) {
            agentx.env("AGENTX_GRPC_PORT", Integer.toString(taken.getLocalPort()))
                    .env("AGENTX_READY_TIMEOUT", "10s").launch();
            String console = agentx.awaitOutput("but not ready", java.time.Duration.ofSeconds(60));
            assertTrue(console.contains("gRPC server"), console);

            HttpResponse<String> ready = agentx.get("/health/ready", false);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"gRPC server\""), ready.body());
            assertTrue(ready.body().contains("did not start on 127.0.0.1:" + taken.getLocalPort()), ready.body());
            assertTrue(ready.body().contains("cannot listen"), ready.body());
            assertEquals(200, agentx.get("/health/live", false).statusCode());
            assertEquals(200, agentx.get("/api/v1/bundles", true).statusCode(), "management still serves");
            assertEquals(0, agentx.terminate(), "and it still stops cleanly");
        }
    }

    @Test
    void unreadableFolderIsOneClearLine() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Path deploy = agentx.home().resolve("deploy");
            Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("---------"));
            try {
                assumeFalse(Files.isReadable(deploy), "running as a user that reads everything (root)");
                agentx.launch();
                assertEquals(1, agentx.waitForExit());
                String console = agentx.console().strip();
                assertEquals("AgentX cannot start: the hot-deploy folder " + deploy + " is not readable", console);
            } finally {
                Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void folderThatIsAFileIsOneClearLine() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Path bundles = agentx.home().resolve("bundles");
            try (var jars = Files.list(bundles)) {
                for (Path jar : jars.toList()) {
                    Files.delete(jar);
                }
            }
            Files.delete(bundles);
            Files.writeString(bundles, "not a folder");
            agentx.launch();
            assertEquals(1, agentx.waitForExit());
            assertEquals("AgentX cannot start: the AgentX bundles folder " + bundles + " does not exist or is not a folder",
                    agentx.console().strip());
        }
    }

    @Test
    void corruptFrameworkCacheIsOneClearLine() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Path cache = agentx.home().resolve("data/cache");
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, "not a folder");
            agentx.launch();
            assertEquals(1, agentx.waitForExit());
            String console = agentx.console().strip();
            assertTrue(console.startsWith("AgentX cannot start: the framework cache in " + cache), console);
            assertEquals(1, console.lines().count(), console);
        }
    }

    @Test
    void badFlagIsAUsageError() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            agentx.env("AGENTX_HTTP_PORT", "eighty").launch();
            assertEquals(2, agentx.waitForExit());
            assertTrue(agentx.console().contains("AGENTX_HTTP_PORT must be a port number"), agentx.console());
            assertFalse(agentx.console().contains("Exception"), agentx.console());
        }
    }
}
