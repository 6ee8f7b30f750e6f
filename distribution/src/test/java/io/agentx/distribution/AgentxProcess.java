package io.agentx.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real distribution, copied to a fresh folder and run as a process on a free port. */
final class AgentxProcess implements AutoCloseable {
    static final String PASSWORD = "e2e-admin-secret";
    /** The key AgentX accepts from AGENTX_API_KEY (an administrator's); the e2e tests call agents with it. */
    static final String API_KEY = "e2e-caller-key-6f1d2c";

    private final Path home;
    private final int port;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Path output;

    private AgentxProcess(Path home, int port) {
        this.home = home;
        this.port = port;
        env.put("AGENTX_HTTP_PORT", Integer.toString(port));
        env.put("AGENTX_GRPC_PORT", "0");
        env.put("AGENTX_ADMIN_PASSWORD", PASSWORD);
        env.put("AGENTX_API_KEY", API_KEY);
        env.put("AGENTX_SHUTDOWN_TIMEOUT", "10s");
    }

    /** Copies the assembled distribution into a temporary folder. */
    static AgentxProcess fresh() throws IOException {
        Path dist = Path.of(System.getProperty("agentx.dist", "target/agentx"));
        Path home = Files.createTempDirectory("agentx-e2e-");
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path source : files.toList()) {
                Path target = home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new AgentxProcess(home, freePort());
    }

    AgentxProcess env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    ProcessHandle pid() {
        return process.toHandle();
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    /** Starts {@code bin/agentx run} and waits for its ready line. */
    AgentxProcess start() throws Exception {
        launch();
        awaitOutput("ready on http://", Duration.ofSeconds(60));
        return this;
    }

    /** Starts the process without waiting for anything. */
    AgentxProcess launch(String... extraArgs) throws IOException {
        output = Files.createTempFile(home, "console-", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/agentx").toString(), "run"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("AGENTX_"));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    String awaitOutput(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String console = console();
            if (console.contains(text)) {
                return console;
            }
            if (!process.isAlive()) {
                throw new AssertionError("AgentX exited with " + process.exitValue() + " before printing '" + text
                        + "':\n" + console);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("AgentX did not print '" + text + "' within " + timeout + ":\n" + console());
    }

    String console() throws IOException {
        return output == null ? "" : Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("AgentX did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the JVM with SIGKILL, as a crash would: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("AgentX did not die within 30 s of SIGKILL");
        }
    }

    int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("AgentX did not exit within 60 s");
        }
        return process.exitValue();
    }

    HttpResponse<String> get(String path, boolean admin) throws Exception {
        return send(request(path, admin).GET().build());
    }

    HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = request(path, true).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // a pooled connection the server had just closed (after answering an upload early): not processed, retry
            if (String.valueOf(e.getMessage()).contains("received no bytes")) {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            throw e;
        }
    }

    /**
     * A request; {@code admin}: with the admin password, else anonymous, except that A2A calls (below
     * {@code /agents/}, {@code /rest} and the gateway's {@code /}) carry the caller key {@link #API_KEY}.
     */
    HttpRequest.Builder request(String path, boolean admin) {
        HttpRequest.Builder builder = anonymous(path);
        if (!admin && (path.startsWith("/agents/") || path.startsWith("/rest") || path.equals("/"))) {
            builder.header("X-API-Key", API_KEY);
        }
        if (admin) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /** A request without credentials. */
    HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    /** Polls until the GET answers with the status and a body containing the text. */
    HttpResponse<String> awaitGet(String path, int status, String contains, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path, false);
                if (last.statusCode() == status && last.body().contains(contains)) {
                    return last;
                }
            } catch (IOException e) {
                // not serving yet
            }
            Thread.sleep(25);
        }
        throw new AssertionError("GET " + path + " did not answer " + status + " with '" + contains + "' within "
                + timeout + "; last: " + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    /** Stops AgentX and deletes its home (a copy of the distribution, a few hundred MB with its data). */
    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                terminate();
            }
        } finally {
            deleteHome();
        }
    }

    /** Best effort: a folder that cannot be deleted whole is left for the system's temporary-file cleaning. */
    private void deleteHome() {
        if (process != null && process.isAlive()) {
            return; // it would keep writing there
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("could not delete " + home + ": " + e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
