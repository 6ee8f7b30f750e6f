package io.agentx.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.framework.BundleContext;

/**
 * TLS for the gRPC server from the kernel's stores ({@code AGENTX_TLS_KEYSTORE}, and {@code AGENTX_TLS_TRUSTSTORE}
 * whose certificate authorities vouch for client certificates: checked when offered, required with client-auth
 * {@code need}).
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
