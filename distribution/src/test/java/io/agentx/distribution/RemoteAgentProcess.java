package io.agentx.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code @a2a-js/sdk} A2A server ({@code src/test/js/remote-agent.mjs}) on a loopback port: a replica
 * named {@code name} that answers {@code "<name>: <text>"}, speaking A2A 1.0 or only 0.3.
 */
final class RemoteAgentProcess implements AutoCloseable {
    static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();

    private final String name;
    private final String mode;
    private final int port;
    private Process process;
    private Path output;

    RemoteAgentProcess(String name, String mode, int port) {
        this.name = name;
        this.mode = mode;
        this.port = port;
    }

    static RemoteAgentProcess start(String name, String mode) throws Exception {
        return new RemoteAgentProcess(name, mode, AgentxProcess.freePort()).start();
    }

    RemoteAgentProcess start() throws Exception {
        output = Files.createTempFile("remote-agent-" + name + "-", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", "remote-agent.mjs").directory(SCRIPTS.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("NAME", name);
        builder.environment().put("MODE", mode);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `node` (Node.js 20 or later must be on the PATH): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.readString(output, StandardCharsets.UTF_8).contains("ready on")) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("remote agent " + name + " did not start:\n" + Files.readString(output));
    }

    String cardUrl() {
        return "http://127.0.0.1:" + port + "/.well-known/agent-card.json";
    }

    String name() {
        return name;
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
