package io.agentx.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin process is told about the kernel's gRPC endpoint, in plaintext and over TLS. */
class PluginTrustTest {
    @TempDir
    Path folder;

    @Test
    void plaintextPluginsGetTheAddressOnly() {
        assertEquals(Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:7070"), new PluginEndpoint("127.0.0.1:7070").environment());
    }

    @Test
    void tlsPluginsGetAnHttpsUrlTheCertificatesAndTheNameToVerify() {
        Path pem = folder.resolve("kernel-certificates.pem");
        assertEquals(Map.of("AGENTX_PLUGIN_URL", "https://127.0.0.1:7070", "AGENTX_PLUGIN_TLS_CA", pem.toString(),
                "AGENTX_PLUGIN_TLS_SERVER_NAME", "agentx.example"),
                new PluginEndpoint("127.0.0.1:7070", new PluginTrust(pem, "agentx.example")).environment());
        assertEquals(Map.of("AGENTX_PLUGIN_URL", "https://127.0.0.1:7070", "AGENTX_PLUGIN_TLS_CA", pem.toString()),
                new PluginEndpoint("127.0.0.1:7070", new PluginTrust(pem, null)).environment());
    }

    @Test
    void theNameToVerifyIsNeededOnlyWhenTheCertificateDoesNotNameTheDialledHost() throws Exception {
        X509Certificate withIp = certificate("CN=kernel", "SAN=ip:127.0.0.1,dns:agentx.example");
        assertNull(ServerTls.serverName(withIp, "127.0.0.1"));
        assertEquals("agentx.example", ServerTls.serverName(withIp, "10.0.0.5"));
        assertEquals("kernel", ServerTls.serverName(certificate("CN=kernel", null), "127.0.0.1"));
    }

    /** A self-signed certificate made with the JDK's keytool. */
    private X509Certificate certificate(String subject, String extension) throws Exception {
        Path store = folder.resolve("s" + System.nanoTime() + ".p12");
        Path pem = folder.resolve("c" + System.nanoTime() + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(extension == null
                ? new String[] {keytool, "-genkeypair", "-alias", "k", "-keyalg", "EC", "-dname", subject, "-storepass",
                        "secret", "-keystore", store.toString()}
                : new String[] {keytool, "-genkeypair", "-alias", "k", "-keyalg", "EC", "-dname", subject, "-ext",
                        extension, "-storepass", "secret", "-keystore", store.toString()});
        run(keytool, "-exportcert", "-rfc", "-alias", "k", "-file", pem.toString(), "-storepass", "secret", "-keystore",
                store.toString());
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }
}
