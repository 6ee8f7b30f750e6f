package io.agentx.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {
    @Test
    void theProcessIsAsOldAsItsJvmPlusTheLauncherNotASecondMore() {
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long age = ProcessAge.ofThisProcess().millis();
        // the process began a little before its JVM (launcher, JVM boot); /proc counts in hundredths of a second
        assertTrue(age >= jvmUptime - 20, "process age " + age + " ms, JVM uptime " + jvmUptime + " ms");
        assertTrue(age <= jvmUptime + 500, "process age " + age + " ms, JVM uptime " + jvmUptime + " ms");
    }
}
