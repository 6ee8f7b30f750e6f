package io.agentx.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long ago this process started, for the ready line. On Linux it is read from {@code /proc} (start and uptime
 * both count from boot, to a hundredth of a second), so it includes the launcher script and the JVM's own start.
 * {@code ProcessHandle}'s start instant is not used: it adds a boot time rounded to whole seconds, which read up
 * to a second long. Elsewhere, the time since the JVM started.
 */
final class ProcessAge {
    private static final double USER_HZ = 100; // the unit of /proc/<pid>/stat's start time on Linux

    private final long startedAtMillis;

    private ProcessAge(long startedAtMillis) {
        this.startedAtMillis = startedAtMillis;
    }

    static ProcessAge ofThisProcess() {
        try {
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name (which may hold spaces) in parentheses; start time is field 22
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startSeconds = Long.parseLong(fields[19]) / USER_HZ;
            return new ProcessAge(System.currentTimeMillis() - Math.round((uptimeSeconds - startSeconds) * 1000));
        } catch (IOException | RuntimeException e) {
            return new ProcessAge(ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }

    long millis() {
        return System.currentTimeMillis() - startedAtMillis;
    }
}
