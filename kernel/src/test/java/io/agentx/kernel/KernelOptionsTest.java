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

    @Test
    void tlsNeedsAReadableKeyStoreAndATrustStoreForClientCertificates(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        assertTrue(!KernelOptions.parse(List.of(), Map.of(), HOME).tls().enabled(), "no HTTPS by default");
        Path keys = java.nio.file.Files.writeString(folder.resolve("keys.p12"), "x");
        Path cas = java.nio.file.Files.writeString(folder.resolve("cas.p12"), "x");
        UsageException noKeys = assertThrows(UsageException.class,
                () -> KernelOptions.parse(List.of("--https-port", "8443"), Map.of(), HOME));
        assertTrue(noKeys.getMessage().contains("needs a key store"), noKeys.getMessage());
        UsageException missing = assertThrows(UsageException.class, () -> KernelOptions.parse(List.of("--https-port",
                "8443", "--tls-keystore", folder.resolve("nope.p12").toString()), Map.of(), HOME));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        UsageException needWithoutCas = assertThrows(UsageException.class, () -> KernelOptions.parse(List.of(
                "--https-port", "8443", "--tls-keystore", keys.toString(), "--tls-client-auth", "need"), Map.of(), HOME));
        assertTrue(needWithoutCas.getMessage().contains("needs a trust store"), needWithoutCas.getMessage());
        assertThrows(UsageException.class, () -> KernelOptions.parse(List.of("--https-port", "8443", "--tls-keystore",
                keys.toString(), "--tls-truststore", cas.toString(), "--tls-client-auth", "maybe"), Map.of(), HOME));

        TlsOptions tls = KernelOptions.parse(List.of("--https-port", "8443"), Map.of("AGENTX_TLS_KEYSTORE",
                keys.toString(), "AGENTX_TLS_KEYSTORE_PASSWORD", "s3cret", "AGENTX_TLS_TRUSTSTORE", cas.toString()),
                HOME).tls();
        assertEquals(8443, tls.httpsPort());
        assertEquals("want", tls.clientAuth(), "client certificates are checked when a trust store is given");
        assertEquals("s3cret", tls.keyStorePassword());
        assertTrue(!tls.toString().contains("s3cret"), "passwords are never printed");
    }
}
