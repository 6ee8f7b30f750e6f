package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
