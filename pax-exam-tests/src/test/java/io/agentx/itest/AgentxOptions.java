package io.agentx.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.ops4j.pax.exam.Option;

/**
 * The platform and AgentX bundles as the distribution runs them, on a free HTTP port, with a known admin
 * password. Runs in the test JVM before the framework starts.
 */
final class AgentxOptions {
    static final String PASSWORD = "exam-secret";

    private static final List<String> BUNDLES = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
            "org.apache.felix.log", "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.scr",
            "org.apache.felix.fileinstall",
            "org.apache.felix.http.servlet-api", "commons-io", "commons-fileupload", "org.apache.felix.http.jetty12",
            "encoder", "org.apache.felix.inventory", "org.apache.felix.webconsole",
            "jackson-annotations", "jackson-core", "jackson-databind",
            "jetty-alpn-client", "jspecify", "micrometer-commons", "micrometer-observation", "micrometer-core",
            "org.osgi.service.jdbc", "HikariCP", "h2", "nimbus-jose-jwt",
            "agentx-security", "agentx-health", "agentx-management",
            "agentx-a2a", "agentx-a2a-client", "agentx-api", "agentx-router", "agentx-core", "agentx-store", "agentx-http",
            "agentx-echo-agent");

    private AgentxOptions() {
    }

    static Option agentx() {
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("exam.work", "target/exam")));
            // outside the working directory, which Pax Exam deletes after each test class
            Path data = Files.createTempDirectory(Files.createDirectories(work.resolveSibling("exam-data")), "data-");
            writeAdminPassword(data);
            Option[] bundles = BUNDLES.stream()
                    .map(name -> bundle(Path.of(System.getProperty("exam.bundles"), name + ".jar").toUri().toString()))
                    .toArray(Option[]::new);
            return composite(
                    workingDirectory(work.toString()),
                    systemProperty("org.ops4j.pax.url.mvn.repositories").value(""),
                    systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"),
                    systemProperty("org.ops4j.pax.url.mvn.offline").value("true"),
                    frameworkProperty("felix.bootdelegation.implicit").value("false"),
                    systemPackages(
                            "org.slf4j;version=2.0.17", "org.slf4j.spi;version=2.0.17", "org.slf4j.event;version=2.0.17",
                            "org.slf4j.helpers;version=2.0.17", "org.slf4j;version=1.7.36", "org.slf4j.spi;version=1.7.36",
                            "org.slf4j.helpers;version=1.7.36", "org.osgi.service.log;version=1.5.0",
                            "org.osgi.service.log.admin;version=1.0.0"),
                    frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                    frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                    frameworkProperty("agentx.data").value(data.toString()),
                    frameworkProperty("felix.fileinstall.dir").value(Files.createDirectories(data.resolve("config")).toString()),
                    frameworkProperty("felix.webconsole.security.providers").value("agentx"),
                    composite(bundles),
                    junitBundles());
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the test framework", e);
        }
    }

    /** The example bundle (GET /hello, PID io.agentx.examples.hello) as built by the reactor. */
    static Option example() {
        return bundle(Path.of(System.getProperty("exam.bundles"), "agentx-examples.jar").toUri().toString());
    }

    /** Stores the admin password hash where the security bundle looks for it, as a first start would. */
    private static void writeAdminPassword(Path data) throws IOException {
        byte[] salt = "exam-salt-16byte".getBytes(StandardCharsets.UTF_8);
        int iterations = 1000;
        byte[] hash;
        try {
            hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        Path file = Files.createDirectories(data.resolve("security")).resolve("admin-password");
        Files.writeString(file, "pbkdf2-sha256$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash) + "\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
