package io.agentx.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.framework.BundleContext;

/**
 * TLS for the gRPC server from the kernel's stores ({@code AGENTX_TLS_KEYSTORE}, and {@code AGENTX_TLS_TRUSTSTORE}
 * whose certificate authorities vouch for client certificates: checked when offered, required with client-auth
 * {@code need}), and what plugin processes need to trust it ({@link #pluginTrust}).
 */
final class ServerTls {
    private ServerTls() {
    }

    /**
     * @throws IllegalStateException naming what is missing or unreadable
     */
    static SslContext context(BundleContext context) {
        String keyStore = context.getProperty("agentx.tls.keystore");
        if (keyStore == null) {
            throw new IllegalStateException("tls=true in PID io.agentx.grpc needs the kernel's key store: start AgentX "
                    + "with --https-port and --tls-keystore (AGENTX_HTTPS_PORT, AGENTX_TLS_KEYSTORE)");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = password(context.getProperty("agentx.tls.keystore.password"));
            keys.init(load(keyStore, password), password);
            var builder = GrpcSslContexts.configure(io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder
                    .forServer(keys));
            String trustStore = context.getProperty("agentx.tls.truststore");
            if (trustStore != null) {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, password(context.getProperty("agentx.tls.truststore.password"))));
                builder.trustManager(trust).clientAuth("need".equals(context.getProperty("agentx.tls.clientAuth"))
                        ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the gRPC server cannot use the TLS stores (" + keyStore + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the server's certificate chain as PEM to {@code folder/kernel-certificates.pem} for plugin processes
     * to trust, and finds the name they must verify when the certificate does not name {@code dialledHost}.
     *
     * @throws IllegalStateException naming the store when it holds no certificate chain
     */
    static PluginTrust pluginTrust(BundleContext context, Path folder, String dialledHost) {
        String keyStore = context.getProperty("agentx.tls.keystore");
        try {
            KeyStore store = load(keyStore, password(context.getProperty("agentx.tls.keystore.password")));
            Certificate[] chain = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificateChain(alias) != null) {
                    chain = store.getCertificateChain(alias);
                    break;
                }
            }
            if (chain == null || !(chain[0] instanceof X509Certificate leaf)) {
                throw new IllegalStateException("the key store " + keyStore + " holds no private key with an X.509 "
                        + "certificate chain for the gRPC server");
            }
            StringBuilder pem = new StringBuilder();
            Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            for (Certificate certificate : chain) {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.createDirectories(folder);
            Path file = folder.resolve("kernel-certificates.pem");
            Files.writeString(file, pem);
            return new PluginTrust(file, serverName(leaf, dialledHost));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot export the gRPC server's certificates for plugins from " + keyStore
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@code null} if the certificate names the host; otherwise its first DNS name, or else its common name. */
    static String serverName(X509Certificate certificate, String dialledHost) throws CertificateParsingException {
        List<String> dnsNames = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            for (List<?> name : certificate.getSubjectAlternativeNames()) {
                String value = String.valueOf(name.get(1));
                if (value.equalsIgnoreCase(dialledHost)) {
                    return null;
                }
                if (Integer.valueOf(2).equals(name.get(0))) {
                    dnsNames.add(value);
                }
            }
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.get(0);
        }
        String subject = certificate.getSubjectX500Principal().getName();
        for (String part : subject.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return null;
    }

    private static KeyStore load(String file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }

    private static char[] password(String value) {
        return value == null ? new char[0] : value.toCharArray();
    }
}
