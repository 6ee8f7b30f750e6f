package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bundles dropped into deploy/ and configuration files in config/ take effect live. */
class HotDeployIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIVE = Duration.ofSeconds(5);
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
    void jarCopiedInIsInstalledReplacedIsUpdatedDeletedIsUninstalled() throws Exception {
        Path deployed = agentx.home().resolve("deploy/hello.jar");
        writeAtomically(deployed, TestJars.withVersion(TestJars.example(agentx.home()), "2.0.0"));
        agentx.awaitGet("/hello?name=Bob", 200, "Hello, Bob! (example 2.0.0)", LIVE);

        writeAtomically(deployed, TestJars.withVersion(TestJars.example(agentx.home()), "2.1.0"));
        agentx.awaitGet("/hello", 200, "(example 2.1.0)", LIVE);

        Files.delete(deployed);
        agentx.awaitGet("/hello", 404, "", LIVE);
    }

    @Test
    void configurationFileIsAppliedLiveAndAnInvalidOneIsRejected() throws Exception {
        Path deployed = agentx.home().resolve("deploy/hello-config-test.jar");
        writeAtomically(deployed, TestJars.withVersion(TestJars.example(agentx.home()), "3.0.0"));
        agentx.awaitGet("/hello", 200, "(example 3.0.0)", LIVE);
        try {
            Path config = agentx.home().resolve("config/io.agentx.examples.hello.cfg");
            writeAtomically(config, "greeting = Bonjour\nrepeat = 2\n".getBytes());
            agentx.awaitGet("/hello?name=Eve", 200, "Bonjour Bonjour, Eve!", LIVE);
            // File Install handles Config Admin's event for that change after the component saw it, and then records
            // the file as processed (its write-back of API changes): an edit landing in between would be skipped.
            // Operators edit files seconds apart; a test must let that event pass first.
            Thread.sleep(1000);

            writeAtomically(config, "greeting = Hola\nrepeat = 99\n".getBytes());
            JsonNode view = awaitRejection("io.agentx.examples.hello");
            assertEquals("repeat", view.get("rejected").get(0).get("property").asText(), view.toString());
            assertEquals(200, agentx.get("/hello?name=Eve", false).statusCode());
            assertTrue(agentx.get("/hello?name=Eve", false).body().contains("Bonjour Bonjour, Eve!"),
                    "the previous valid configuration stays in effect");
            assertTrue(Files.readString(agentx.home().resolve("logs/agentx.log"))
                    .contains("Configuration io.agentx.examples.hello rejected: repeat"));

            Thread.sleep(1000); // as above: the rejected edit's configuration event first
            writeAtomically(config, "greeting = Hola\nrepeat = 1\nstyle = shout\n".getBytes());
            agentx.awaitGet("/hello?name=Eve", 200, "HOLA, EVE!", LIVE);
        } finally {
            Files.deleteIfExists(deployed);
        }
    }

    @Test
    void jsonConfigurationFileIsAppliedChangedAndDeleted() throws Exception {
        Path deployed = agentx.home().resolve("deploy/hello-json-test.jar");
        writeAtomically(deployed, TestJars.withVersion(TestJars.example(agentx.home()), "4.0.0"));
        agentx.awaitGet("/hello", 200, "(example 4.0.0)", LIVE);
        Path config = agentx.home().resolve("config/io.agentx.examples.hello.cfg.json");
        try {
            writeAtomically(config, "{\"greeting\": \"Moin\", \"repeat\": 2}".getBytes());
            agentx.awaitGet("/hello?name=Ida", 200, "Moin Moin, Ida!", LIVE);
            JsonNode view = JSON.readTree(agentx.get("/api/v1/configurations/io.agentx.examples.hello", true).body());
            assertEquals(config.toString(), view.get("file").asText(), view.toString());

            writeAtomically(config, "{\"greeting\": \"Tach\"}".getBytes());
            agentx.awaitGet("/hello?name=Ida", 200, "Tach, Ida!", LIVE);

            Files.delete(config);
            agentx.awaitGet("/hello?name=Ida", 200, "Hello, Ida!", LIVE);
        } finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(deployed);
        }
    }

    private static JsonNode awaitRejection(String pid) throws Exception {
        // generous: FileInstall and validation are slow when the machine is busy (this is no timing claim)
        long deadline = System.nanoTime() + LIVE.multipliedBy(3).toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = JSON.readTree(agentx.get("/api/v1/configurations/" + pid, true).body());
            if (view.has("rejected")) {
                return view;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("configuration " + pid + " was not rejected: " + view);
    }

    private static void writeAtomically(Path target, byte[] content) throws Exception {
        Path temporary = Files.createTempFile(agentx.home(), "upload-", ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
