package io.agentx.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PKI made with the JDK's keytool: a certificate authority, a server certificate for 127.0.0.1 and
 * client certificates signed by it or by an authority AgentX does not trust. Every store is PKCS#12 with one
 * password.
 */
final class TestCertificates {
    static final String PASSWORD = "tls-test-pass";
    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    static TestCertificates create(Path folder) throws Exception {
        TestCertificates pki = new TestCertificates(Files.createDirectories(folder));
        pki.authority("ca", "CN=AgentX Test CA");
        pki.authority("rogue-ca", "CN=Rogue CA");
        pki.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pki.file("ca.pem"), "-keystore",
                pki.file("trust.p12"));
        pki.signed("server", "CN=localhost", "ca", "SAN=ip:127.0.0.1,dns:localhost");
        return pki;
    }

    Path trustStore() {
        return folder.resolve("trust.p12");
    }

    Path keyStore(String name) {
        return folder.resolve(name + ".p12");
    }

    /** The PEM certificate of a CA or client. */
    Path certificatePem(String name) {
        return folder.resolve(name + ".pem");
    }

    /** The client's private key as unencrypted PKCS#8 PEM (exported with openssl), for clients that need files. */
    Path privateKeyPem(String name) throws Exception {
        Path pem = folder.resolve(name + "-key.pem");
        Process process = new ProcessBuilder("openssl", "pkcs12", "-in", keyStore(name).toString(), "-nocerts", "-nodes",
                "-passin", "pass:" + PASSWORD, "-out", pem.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl could not export the key of " + name + ":\n" + output);
        }
        return pem;
    }

    /** A client certificate with this subject, signed by {@code ca} or {@code rogue-ca}. */
    Path client(String name, String subject, String authority) throws Exception {
        signed(name, subject, authority, null);
        return keyStore(name);
    }

    /**
     * A TLS context that trusts the test CA and presents the named client certificate ({@code null}: none) — even
     * when the server did not list its issuer among the authorities it accepts, as an attacker's client would.
     */
    SSLContext clientContext(String client) throws Exception {
        KeyManager[] keyManagers = null;
        if (client != null) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore(client)), PASSWORD.toCharArray());
            keyManagers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) keys.getKeyManagers()[0], client)};
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }

    /** Offers its one certificate whatever authorities the server asks for. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final String alias;

        AlwaysPresent(X509ExtendedKeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }
    }

    private void authority(String alias, String subject) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-ext", "bc:c", "-validity", "2", "-keystore", file(alias + ".p12"));
        keytool("-exportcert", "-rfc", "-alias", alias, "-file", file(alias + ".pem"), "-keystore", file(alias + ".p12"));
    }

    private void signed(String name, String subject, String authority, String extension) throws Exception {
        String store = file(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-file", file(name + ".csr"), "-keystore", store);
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", authority, "-infile", file(name + ".csr"),
                "-outfile", file(name + ".pem"), "-validity", "2", "-keystore", file(authority + ".p12")));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", authority, "-file", file(authority + ".pem"), "-keystore", store);
        keytool("-importcert", "-alias", name, "-file", file(name + ".pem"), "-keystore", store);
    }

    private String file(String name) {
        return folder.resolve(name).toString();
    }

    private void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
