package io.agentx.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelOptionsTest {
    private static final Path HOME = Path.of("/opt/agentx");

    @Test
    void defaultsFollowTheHome() throws Exception {
        KernelOptions options = KernelOptions.parse(List.of(), Map.of(), HOME);
        assertEquals(8080, options.httpPort());
        assertEquals("127.0.0.1", options.httpHost());
        assertEquals(HOME.resolve("data"), options.data());
        assertEquals(HOME.resolve("logs"), options.logs());
        assertEquals(Duration.ofSeconds(20), options.shutdownTimeout());
    }

    @Test
    void flagsWinOverEnvironment() throws Exception {
        KernelOptions options = KernelOptions.parse(List.of("--http-port", "9090", "--data=/var/agentx"),
                Map.of("AGENTX_HTTP_PORT", "7070", "AGENTX_DATA", "/tmp/x", "AGENTX_SHUTDOWN_TIMEOUT", "500ms"), HOME);
        assertEquals(9090, options.httpPort());
        assertEquals(Path.of("/var/agentx"), options.data());
        assertEquals(Duration.ofMillis(500), options.shutdownTimeout());
    }

    @Test
    void badValuesNameTheirSource() {
        UsageException port = assertThrows(UsageException.class,
                () -> KernelOptions.parse(List.of(), Map.of("AGENTX_HTTP_PORT", "80a"), HOME));
        assertTrue(port.getMessage().startsWith("AGENTX_HTTP_PORT must be a port number"), port.getMessage());
        UsageException duration = assertThrows(UsageException.class,
                () -> KernelOptions.parse(List.of("--shutdown-timeout", "soon"), Map.of(), HOME));
        assertTrue(duration.getMessage().contains("--shutdown-timeout must be a duration"), duration.getMessage());
        UsageException unknown = assertThrows(UsageException.class,
                () -> KernelOptions.parse(List.of("--colour", "red"), Map.of(), HOME));
        assertTrue(unknown.getMessage().startsWith("unknown flag --colour"), unknown.getMessage());
        assertThrows(UsageException.class, () -> KernelOptions.parse(List.of("--http-port"), Map.of(), HOME));
        assertThrows(UsageException.class, () -> KernelOptions.parse(List.of("--log-level", "LOUD"), Map.of(), HOME));
    }

    @Test
    void durationsAcceptCommonForms() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
    }
}
