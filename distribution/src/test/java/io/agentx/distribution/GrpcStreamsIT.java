package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Open gRPC SubscribeToTask streams on quiet tasks hold no thread of AgentX's each (they are written when their task
 * has an event): 250 of them, opened one after another by the real {@code @a2a-js/sdk} gRPC client
 * ({@code src/test/js/grpc-streams.mjs}), add only a few threads, and every one still ends with its task's last event.
 */
class GrpcStreamsIT {
    private static final int STREAMS = 250;
    private static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();

    @Test
    void manyOpenStreamsOnQuietTasksHoldNoThreadEach() throws Exception {
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/@a2a-js/sdk")), "no node_modules in " + SCRIPTS
                + ": install the test's Node.js dependencies first with `npm ci --prefix distribution/src/test/js`");
        try (AgentxProcess agentx = AgentxProcess.fresh().start()) {
            ProcessBuilder builder = new ProcessBuilder("node", "grpc-streams.mjs").directory(SCRIPTS.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("CARD_URL", "http://127.0.0.1:" + agentx.port()
                    + "/agents/echo/.well-known/agent-card.json");
            builder.environment().put("API_KEY", AgentxProcess.API_KEY);
            builder.environment().put("STREAMS", Integer.toString(STREAMS));
            Process node = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                    Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
                expect(out, "TASKS " + STREAMS);
                int before = threads(agentx);

                proceed(in);
                expect(out, "STREAMS " + STREAMS);
                int during = threads(agentx);
                System.out.println("AgentX's threads: " + before + " before, " + during + " with " + STREAMS + " open gRPC streams");
                assertTrue(during - before < STREAMS / 5, STREAMS + " open gRPC streams took " + (during - before)
                        + " threads (" + before + " before, " + during + " with the streams open)");

                proceed(in);
                expect(out, "ENDED " + STREAMS);
                assertTrue(node.waitFor(30, TimeUnit.SECONDS), "grpc-streams.mjs did not exit");
                assertEquals(0, node.exitValue());
            } finally {
                node.destroyForcibly();
            }
        }
    }

    /** Reads the script's lines until the expected one; a FAIL line or the end of its output fails the test. */
    private static void expect(BufferedReader out, String line) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String next = out.readLine(); next != null; next = out.readLine()) {
            if (next.equals(line)) {
                return;
            }
            seen.append(next).append('\n');
        }
        throw new AssertionError("grpc-streams.mjs ended before '" + line + "':\n" + seen);
    }

    private static void proceed(Writer in) throws IOException {
        in.write("go\n");
        in.flush();
    }

    /** The live threads of AgentX's JVM, from /proc, after a moment for threads finishing work to end. */
    private static int threads(AgentxProcess agentx) throws Exception {
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(agentx.pid().pid()), "task"))) {
            return (int) tasks.count();
        }
    }
}
