package io.agentx.grpc.internal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.grpc.internal.plugin.PluginTokens;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Real child processes: restarted after crashes until the crash loop limit, stopped with their children. */
class PluginProcessTest {
    private final PluginTokens tokens = new PluginTokens();

    @Test
    void aCrashingProcessIsRestartedWithBackoffUntilTheCrashLoopLimit() throws Exception {
        PluginProcess process = process("crasher", config("on-failure", 2, "sh", "-c", "exit 3"), "127.0.0.1:1");
        process.start();
        Map<String, Object> status = await(process, s -> s.get("state").equals("CRASH_LOOP"));
        assertEquals(2, status.get("restarts"));
        assertEquals(3, status.get("lastExitCode"));
        assertEquals("exited with code 3", status.get("lastError"));
        process.stop();
    }

    @Test
    void eachRestartAfterACrashWaitsTwiceAsLongAsTheLastUpToTheMaximum() throws Exception {
        PluginProcess process = process("backer", config("on-failure", 4, "", "", 150, 400, "sh", "-c", "exit 1"),
                "127.0.0.1:1");
        // a crash counts a restart at once and schedules it after the backoff; the crash loop ends the series
        java.util.List<Long> crashedAt = new java.util.ArrayList<>();
        int counted = 0;
        process.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Map<String, Object> status = process.status();
            int restarts = (Integer) status.get("restarts");
            boolean looping = status.get("state").equals("CRASH_LOOP");
            if (restarts > counted || looping) {
                crashedAt.add(System.nanoTime());
                counted = restarts;
            }
            if (looping) {
                break;
            }
            Thread.sleep(1);
        }
        process.stop();
        assertEquals(5, crashedAt.size(), "four restarts, then the crash loop");
        long[] waitedAtLeast = {150, 300, 400, 400}; // 150 doubling, capped at 400
        for (int i = 0; i < waitedAtLeast.length; i++) {
            long waited = (crashedAt.get(i + 1) - crashedAt.get(i)) / 1_000_000;
            assertTrue(waited >= waitedAtLeast[i], "restart " + (i + 1) + " came after " + waited + " ms, before its "
                    + waitedAtLeast[i] + " ms backoff");
        }
    }

    @Test
    void theProcessGetsTheKernelAddressTokenAndNameAndACleanExitIsNotRestarted() throws Exception {
        PluginProcess process = process("checker", config("on-failure", 5, "sh", "-c",
                "test \"$AGENTX_PLUGIN_URL\" = 127.0.0.1:9 && test \"$AGENTX_PLUGIN_NAME\" = checker"
                        + " && test -n \"$AGENTX_PLUGIN_TOKEN\" && test \"$EXTRA\" = yes"), "127.0.0.1:9");
        process.start();
        Map<String, Object> status = await(process, s -> s.get("state").equals("EXITED"));
        assertEquals(0, status.get("lastExitCode"), String.valueOf(status));
        assertEquals(0, status.get("restarts"));
        process.stop();
    }

    @Test
    void withRestartNeverACrashedProcessStaysDown() throws Exception {
        PluginProcess process = process("once", config("never", 5, "sh", "-c", "exit 4"), "127.0.0.1:1");
        process.start();
        Map<String, Object> status = await(process, s -> s.get("state").equals("EXITED"));
        assertEquals(4, status.get("lastExitCode"));
        assertEquals("exited with code 4", status.get("lastError"));
        Thread.sleep(200); // longer than the 10 ms backoff a restart would wait
        assertEquals(0, process.status().get("restarts"), "not restarted");
        assertEquals("EXITED", process.status().get("state"));
        process.stop();
    }

    @Test
    void withRestartAlwaysEvenACleanExitIsRestartedUntilTheCrashLoopLimit() throws Exception {
        PluginProcess process = process("again", config("always", 2, "sh", "-c", "exit 0"), "127.0.0.1:1");
        process.start();
        Map<String, Object> status = await(process, s -> s.get("state").equals("CRASH_LOOP"));
        assertEquals(2, status.get("restarts"));
        assertEquals(0, status.get("lastExitCode"));
        process.stop();
    }

    @Test
    void stoppingEndsTheProcessAndItsChildren() throws Exception {
        PluginProcess process = process("sleeper", config("always", 5, "sh", "-c", "sleep 60 & wait"), "127.0.0.1:1");
        process.start();
        long pid = ((Number) await(process, s -> s.get("pid") != null).get("pid")).longValue();
        Thread.sleep(200);
        var children = ProcessHandle.of(pid).orElseThrow().descendants().toList();
        assertFalse(children.isEmpty(), "the shell started sleep");
        process.stop();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        for (ProcessHandle child : children) {
            child.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "child " + child.pid() + " outlived its plugin");
        }
        assertEquals("STOPPED", process.status().get("state"));
    }

    private PluginProcess process(String name, PluginProcessConfig config, String kernelAddress) {
        LaunchPlan plan = LaunchPlan.of(name, config);
        return new PluginProcess(name, config, plan.commandLine(null, config), plan.environment(null), Map.of("AGENTX_PLUGIN_URL", kernelAddress),
                tokens);
    }

    private static Map<String, Object> await(PluginProcess process, Predicate<Map<String, Object>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Object> status = process.status();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = process.status();
        }
        assertTrue(condition.test(status), "status did not come: " + status);
        return status;
    }

    static PluginProcessConfig config(String restart, int maxRestarts, String command, String... arguments) {
        return frameworkConfig(restart, maxRestarts, "", "", command, arguments);
    }

    static PluginProcessConfig frameworkConfig(String restart, int maxRestarts, String framework, String script,
            String command, String... arguments) {
        return config(restart, maxRestarts, framework, script, 10, 100, command, arguments);
    }

    private static PluginProcessConfig config(String restart, int maxRestarts, String framework, String script,
            int initialBackoffMillis, int maxBackoffMillis, String command, String... arguments) {
        return new PluginProcessConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PluginProcessConfig.class;
            }

            @Override
            public String name() {
                return "";
            }

            @Override
            public String command() {
                return command;
            }

            @Override
            public String[] arguments() {
                return arguments;
            }

            @Override
            public String[] environment() {
                return new String[] {"EXTRA=yes"};
            }

            @Override
            public String workingDirectory() {
                return "";
            }

            @Override
            public String framework() {
                return framework;
            }

            @Override
            public String script() {
                return script;
            }

            @Override
            public String restart() {
                return restart;
            }

            @Override
            public int maxRestarts() {
                return maxRestarts;
            }

            @Override
            public int restartWindowSeconds() {
                return 60;
            }

            @Override
            public int initialBackoffMillis() {
                return initialBackoffMillis;
            }

            @Override
            public int maxBackoffMillis() {
                return maxBackoffMillis;
            }

            @Override
            public int stopGraceMillis() {
                return 2000;
            }
        };
    }
}
