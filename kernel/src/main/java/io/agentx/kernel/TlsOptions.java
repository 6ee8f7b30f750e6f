package io.agentx.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * HTTPS (and, where the gRPC server is told to, gRPC over TLS): a PKCS#12 key store holding AgentX's key and
 * certificate, and optionally a trust store of the certificate authorities whose client certificates identify
 * callers (mutual TLS).
 *
 * @param httpsPort the HTTPS port, or -1 for none
 * @param clientAuth {@code none}, {@code want} (a client certificate is checked when offered) or {@code need}
 */
record TlsOptions(int httpsPort, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
        String clientAuth) {

    static final TlsOptions NONE = new TlsOptions(-1, null, null, null, null, "none");

    boolean enabled() {
        return httpsPort >= 0;
    }

    /**
     * @throws UsageException for an HTTPS port without a key store, an unreadable store or an unknown client-auth mode
     */
    static TlsOptions of(int httpsPort, Path keyStore, Path trustStore, String clientAuth, Map<String, String> env)
            throws UsageException {
        if (httpsPort < 0) {
            if (keyStore != null) {
                throw new UsageException("--tls-keystore needs --https-port (or AGENTX_HTTPS_PORT)");
            }
            return NONE;
        }
        if (keyStore == null) {
            throw new UsageException("--https-port needs a key store: --tls-keystore or AGENTX_TLS_KEYSTORE (PKCS#12)");
        }
        requireReadable(keyStore, "the key store");
        if (trustStore != null) {
            requireReadable(trustStore, "the trust store");
        }
        String mode = clientAuth == null ? (trustStore != null ? "want" : "none") : clientAuth.toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("want") && !mode.equals("need")) {
            throw new UsageException("--tls-client-auth must be none, want or need, got '" + clientAuth + "'");
        }
        if (!mode.equals("none") && trustStore == null) {
            throw new UsageException("--tls-client-auth " + mode + " needs a trust store: --tls-truststore or "
                    + "AGENTX_TLS_TRUSTSTORE");
        }
        return new TlsOptions(httpsPort, keyStore, env.getOrDefault("AGENTX_TLS_KEYSTORE_PASSWORD", ""), trustStore,
                env.getOrDefault("AGENTX_TLS_TRUSTSTORE_PASSWORD", ""), mode);
    }

    private static void requireReadable(Path file, String what) throws UsageException {
        if (!Files.isReadable(file)) {
            throw new UsageException(what + " " + file + " does not exist or cannot be read");
        }
    }

    @Override
    public String toString() {
        return "TlsOptions[httpsPort=" + httpsPort + ", keyStore=" + keyStore + ", trustStore=" + trustStore
                + ", clientAuth=" + clientAuth + "]"; // never the passwords
    }
}
