package io.agentx.grpc.internal.supervisor;

import io.agentx.grpc.internal.plugin.PluginTokens;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised plugin process: started with its token and the kernel's address in the environment, its output
 * logged line by line under its name, restarted after a crash with exponential backoff until the crash loop
 * limit, and stopped (SIGTERM, then SIGKILL after the grace period, children included) when asked.
 */
final class PluginProcess {
    enum State { STARTING, RUNNING, BACKING_OFF, CRASH_LOOP, EXITED, STOPPED }

    private final String name;
    private final PluginProcessConfig config;
    private final List<String> commandLine;
    private final Map<String, String> environment;
    private final Map<String, String> kernelEnvironment;
    private final PluginTokens tokens;
    private final Logger output;
    private final ScheduledExecutorService timer;
    private final Deque<Long> recentRestarts = new ArrayDeque<>();
    private volatile Process process;
    private volatile State state = State.STARTING;
    private volatile boolean stopping;
    private volatile String lastError;
    private volatile Integer lastExitCode;
    private volatile Instant startedAt;
    private volatile int restarts;
    private ScheduledFuture<?> pendingRestart;

    /**
     * @param commandLine the program and its arguments
     * @param environment variables to set besides AgentX's own
     */
    PluginProcess(String name, PluginProcessConfig config, List<String> commandLine, Map<String, String> environment,
            Map<String, String> kernelEnvironment, PluginTokens tokens) {
        this.name = name;
        this.config = config;
        this.commandLine = List.copyOf(commandLine);
        this.environment = Map.copyOf(environment);
        this.kernelEnvironment = kernelEnvironment;
        this.tokens = tokens;
        this.output = LoggerFactory.getLogger("io.agentx.plugin." + name);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agentx-plugin-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        timer.execute(this::launch);
    }

    private synchronized void launch() {
        if (stopping) {
            return;
        }
        state = State.STARTING;
        List<String> command = commandLine;
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!config.workingDirectory().isBlank()) {
            builder.directory(new File(config.workingDirectory()));
        }
        Map<String, String> variables = builder.environment();
        variables.putAll(environment);
        variables.putAll(kernelEnvironment); // AGENTX_PLUGIN_URL, and with TLS what to trust
        variables.put("AGENTX_PLUGIN_TOKEN", tokens.issue(name));
        variables.put("AGENTX_PLUGIN_NAME", name);
        // the process's stdin is a pipe AgentX never writes to nor closes: it ends only when AgentX's process does
        // (even killed with SIGKILL, when no one is left to stop the plugin), and the SDKs then stop the plugin
        variables.put("AGENTX_PLUGIN_LIFELINE", "stdin");
        try {
            Process started = builder.start();
            process = started;
            startedAt = Instant.now();
            state = State.RUNNING;
            pump(started.getInputStream(), false);
            pump(started.getErrorStream(), true);
            output.info("[{}] started: {} (pid {})", name, String.join(" ", command), started.pid());
            started.onExit().thenAccept(this::exited);
        } catch (IOException | RuntimeException e) {
            lastError = "cannot start " + String.join(" ", command) + ": " + e.getMessage();
            output.error("[{}] {}", name, lastError);
            restartLater();
        }
    }

    private synchronized void exited(Process gone) {
        if (stopping || gone != process) {
            return;
        }
        int code = gone.exitValue();
        lastExitCode = code;
        boolean failed = code != 0;
        if (failed) {
            lastError = code > 128 ? "killed by signal " + (code - 128) : "exited with code " + code;
        }
        if (failed) {
            output.warn("[{}] process {} {}", name, gone.pid(), lastError);
        } else {
            output.info("[{}] process {} exited normally", name, gone.pid());
        }
        String policy = config.restart();
        if (policy.equals("never") || (policy.equals("on-failure") && !failed)) {
            state = State.EXITED;
            return;
        }
        restartLater();
    }

    private void restartLater() {
        long now = System.nanoTime();
        long window = TimeUnit.SECONDS.toNanos(config.restartWindowSeconds());
        while (!recentRestarts.isEmpty() && now - recentRestarts.peekFirst() > window) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= config.maxRestarts()) {
            state = State.CRASH_LOOP;
            output.error("[{}] crash loop: {} restarts within {} s; not restarting it again until its configuration "
                    + "changes (last error: {})", name, recentRestarts.size(), config.restartWindowSeconds(), lastError);
            return;
        }
        long delay = Math.min(config.maxBackoffMillis(),
                (long) config.initialBackoffMillis() << Math.min(20, recentRestarts.size()));
        recentRestarts.addLast(now);
        restarts++;
        state = State.BACKING_OFF;
        output.info("[{}] restarting in {} ms", name, delay);
        pendingRestart = timer.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the process and its children: SIGTERM, then SIGKILL after the grace period. */
    void stop() {
        Process current;
        synchronized (this) {
            stopping = true;
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
            }
            current = process;
        }
        tokens.revoke(name); // first: its session ends for good, and no new one may start
        if (current != null && current.isAlive()) {
            List<ProcessHandle> children = current.descendants().toList();
            current.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!current.waitFor(config.stopGraceMillis(), TimeUnit.MILLISECONDS)) {
                    output.warn("[{}] did not stop within {} ms; killing it", name, config.stopGraceMillis());
                    current.destroyForcibly();
                    current.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                current.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            output.info("[{}] stopped", name);
        }
        state = State.STOPPED;
        timer.shutdownNow();
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Process current = process;
        status.put("state", state.name());
        status.put("command", commandLine.get(0));
        status.put("arguments", commandLine.subList(1, commandLine.size()));
        status.put("framework", config.framework());
        status.put("pid", current != null && current.isAlive() ? current.pid() : null);
        status.put("startedAt", startedAt == null ? null : startedAt.toString());
        status.put("restarts", restarts);
        status.put("lastExitCode", lastExitCode);
        status.put("lastError", lastError);
        return status;
    }

    private void pump(InputStream stream, boolean errors) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.atLevel(OutputLevel.of(line, errors)).log("[{}] {}", name, line);
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }, "agentx-plugin-" + name + (errors ? "-stderr" : "-stdout"));
        reader.setDaemon(true);
        reader.start();
    }
}
