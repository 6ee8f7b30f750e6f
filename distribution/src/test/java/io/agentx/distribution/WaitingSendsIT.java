package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking SendMessages whose tasks keep working do not hold the server's request threads: with more of them
 * waiting than Jetty has threads (200), other requests are still answered at once, and each waiting send gets
 * its task as it stands when the send timeout passes — or its answer, when a slow remote agent gives it.
 */
class WaitingSendsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAITING = 250;
    private static final long REMOTE_DELAY_SECONDS = 5;
    private static AgentxProcess agentx;
    private static HttpServer slowRemote;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        slowRemote = slowRemoteAgent();
        agentx = AgentxProcess.fresh();
        Files.writeString(agentx.home().resolve("config/io.agentx.core.cfg.json"),
                JSON.writeValueAsString(Map.of("sendTimeoutMillis", 10_000)));
        // With 250 sends arriving at once on two busy cores, connecting to the remote agent can take longer than
        // the default 2 s connect timeout (some sends failed as unreachable in one CI run; with 50 ms, in most runs
        // here, with the client before and after its selector-thread change). That is not what this test is about.
        Files.writeString(agentx.home().resolve("config/io.agentx.router.remote~slow.cfg.json"),
                JSON.writeValueAsString(Map.of("agentId", "slow", "connectTimeoutMillis", 10_000,
                        "cardUrls", List.of("http://127.0.0.1:"
                        + slowRemote.getAddress().getPort() + "/.well-known/agent-card.json"))));
        agentx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
        slowRemote.stop(0);
        LATER.shutdownNow();
    }

    @Test
    void moreSendsWaitingForASlowRemoteAgentThanRequestThreadsLeaveTheServerAnswering() throws Exception {
        awaitRemoteCard();
        HttpClient client = client();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) { // over each binding and version: none holds a request thread
            waiting.add(client.sendAsync(sendToSlow(i % 4, "slow " + i), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(2_000); // every waiting send has been forwarded to the remote agent, which answers after 5 s
        HttpResponse<String> probe = client.send(sendMessage("/agents/echo", "still there?", Duration.ofSeconds(2)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, probe.statusCode(), probe.body());
        assertEquals("TASK_STATE_COMPLETED", JSON.readTree(probe.body()).at("/result/task/status/state").asText());
        List<String> early = waiting.stream().filter(CompletableFuture::isDone).limit(3)
                .map(send -> send.handle((answer, error) -> error != null ? error.toString()
                        : answer.statusCode() + " " + answer.body()).join()).toList();
        if (!early.isEmpty()) {
            throw new AssertionError("sends to the slow remote agent were answered before it answered: " + early
                    + "\nAgentX's console:\n" + consoleTail());
        }

        for (CompletableFuture<HttpResponse<String>> send : waiting) {
            HttpResponse<String> answer = send.get(60, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("slow answer"), "the remote agent's artifact: " + answer.body());
            assertTrue(answer.body().contains("TASK_STATE_COMPLETED") || answer.body().contains("\"completed\""),
                    answer.body());
        }
    }

    /** A blocking send to the slow agent over JSON-RPC 1.0, HTTP+JSON 1.0, JSON-RPC 0.3 or HTTP+JSON 0.3. */
    private static HttpRequest sendToSlow(int binding, String text) throws Exception {
        String messageId = java.util.UUID.randomUUID().toString();
        Map<String, Object> message10 = Map.of("messageId", messageId, "role", "ROLE_USER",
                "parts", List.of(Map.of("text", text)));
        Map<String, Object> message03 = Map.of("kind", "message", "messageId", messageId, "role", "user",
                "parts", List.of(Map.of("kind", "text", "text", text)));
        String path;
        Object body;
        boolean v10 = binding < 2;
        switch (binding) {
            case 0 -> {
                path = "/agents/slow";
                body = Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params", Map.of("message", message10));
            }
            case 1 -> {
                path = "/agents/slow/rest/message:send";
                body = Map.of("message", message10);
            }
            case 2 -> {
                path = "/agents/slow";
                body = Map.of("jsonrpc", "2.0", "id", 1, "method", "message/send", "params", Map.of("message", message03));
            }
            default -> {
                path = "/agents/slow/rest/v1/message:send";
                body = Map.of("message", Map.of("messageId", messageId, "role", "ROLE_USER",
                        "content", List.of(Map.of("text", text))));
            }
        }
        HttpRequest.Builder request = agentx.request(path, false).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(body)));
        if (v10) {
            request.header("A2A-Version", "1.0");
        }
        return request.build();
    }

    @Test
    void moreWaitingSendsThanRequestThreadsLeaveTheServerAnswering() throws Exception {
        // each send on its own socket and thread: if an answer does not come, its socket tells how far it got
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(WAITING);
        try {
            List<SocketSend> waiting = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < WAITING; i++) {
                waiting.add(SocketSend.post(threads, agentx.port(), "/agents/echo", Map.of("Content-Type",
                        "application/json", "A2A-Version", "1.0", "X-API-Key", AgentxProcess.API_KEY),
                        sendMessageBody("wait " + i).getBytes(StandardCharsets.UTF_8), 60_000));
            }
            Thread.sleep(2_000); // every waiting send has reached the agent
            HttpResponse<String> probe = client().send(sendMessage("/agents/echo", "still there?", Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), probe.body());
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(probe.body()).at("/result/task/status/state").asText(),
                    probe.body());
            assertFalse(waiting.stream().anyMatch(send -> send.answer().isDone()),
                    "the waiting sends are still waiting while the probe was answered");

            for (SocketSend send : waiting) {
                SocketSend.Answer answer;
                try {
                    answer = send.answer().get(70, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a waiting send got no answer (" + send.progress() + "). "
                            + unanswered(waiting) + "\nAgentX threads:\n" + threadDump() + "\nconsole:\n"
                            + consoleTail(), e);
                }
                assertEquals(200, answer.status(), answer.body());
                JsonNode task = JSON.readTree(answer.body()).at("/result/task");
                assertEquals("TASK_STATE_WORKING", task.at("/status/state").asText(), answer.body());
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(true, seconds >= 9, "answered when the 10 s send timeout passed, not before: " + seconds + " s");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * An open stream holds no request thread while its task is quiet: with more SubscribeToTask streams open than
     * Jetty has threads, other requests are answered at once, and every stream still gets its task's next event.
     */
    @Test
    void moreOpenStreamsThanRequestThreadsLeaveTheServerAnswering() throws Exception {
        HttpClient client = client();
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) { // tasks that keep working until canceled
            HttpResponse<String> created = client.send(rpc("SendMessage", Map.of("message", Map.of("messageId",
                    java.util.UUID.randomUUID().toString(), "role", "ROLE_USER", "parts", List.of(Map.of("text",
                    "wait " + i))), "configuration", Map.of("returnImmediately", true))), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            taskIds.add(JSON.readTree(created.body()).at("/result/task/id").asText());
        }
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(WAITING);
        try {
            List<SocketSend> streams = new ArrayList<>();
            for (String taskId : taskIds) {
                streams.add(SocketSend.post(threads, agentx.port(), "/agents/echo", Map.of("Content-Type",
                        "application/json", "A2A-Version", "1.0", "X-API-Key", AgentxProcess.API_KEY),
                        JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", "SubscribeToTask",
                                "params", Map.of("id", taskId))), 60_000));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (streams.stream().anyMatch(stream -> stream.stage() != SocketSend.Stage.READING_ANSWER)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Map<SocketSend.Stage, Long> started = new java.util.TreeMap<>(streams.stream().collect(
                    java.util.stream.Collectors.groupingBy(SocketSend::stage, java.util.stream.Collectors.counting())));
            assertEquals(Map.of(SocketSend.Stage.READING_ANSWER, (long) WAITING), started,
                    "every stream has its first event (the task as it stands)");

            HttpResponse<String> probe = client.send(sendMessage("/agents/echo", "still there?", Duration.ofSeconds(5)),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), probe.body());
            assertEquals("TASK_STATE_COMPLETED", JSON.readTree(probe.body()).at("/result/task/status/state").asText());

            for (String taskId : taskIds) {
                HttpResponse<String> canceled = client.send(rpc("CancelTask", Map.of("id", taskId)),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, canceled.statusCode(), canceled.body());
            }
            for (SocketSend stream : streams) {
                SocketSend.Answer events = stream.answer().get(30, TimeUnit.SECONDS);
                assertEquals(200, events.status(), events.body());
                assertTrue(events.body().contains("TASK_STATE_CANCELED"), "the stream's last event: " + events.body());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static HttpRequest rpc(String method, Map<String, Object> params) throws Exception {
        return agentx.request("/agents/echo", false).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1,
                        "method", method, "params", params)))).build();
    }

    /** Where the sends stand, what AgentX stored of their tasks, and the sockets holding bytes no one read. */
    private static String unanswered(List<SocketSend> sends) {
        Map<SocketSend.Stage, Long> stages = new java.util.TreeMap<>(sends.stream().collect(
                java.util.stream.Collectors.groupingBy(SocketSend::stage, java.util.stream.Collectors.counting())));
        return "The " + WAITING + " sends by stage: " + stages + ". Tasks AgentX stored as working: "
                + storedWorkingTasks() + ". Sockets to AgentX with bytes unread (by AgentX: Send-Q of the client's"
                + " end; by the test: Recv-Q):\n" + unreadBytes();
    }

    private static String storedWorkingTasks() {
        try {
            HttpResponse<String> list = client().send(agentx.request("/agents/echo", false)
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("A2A-Version", "1.0").POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\","
                            + "\"id\":1,\"method\":\"ListTasks\",\"params\":{\"pageSize\":1,\"status\":"
                            + "\"TASK_STATE_WORKING\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            return list.statusCode() == 200 ? JSON.readTree(list.body()).at("/result/totalSize").asText()
                    : list.statusCode() + " " + list.body();
        } catch (Exception e) {
            return "(ListTasks failed: " + e + ")";
        }
    }

    private static String sendMessageBody(String text) throws Exception {
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params",
                Map.of("message", Map.of("messageId", java.util.UUID.randomUUID().toString(), "role", "ROLE_USER",
                        "parts", List.of(Map.of("text", text))))));
    }

    /**
     * Blocking sends are answered by whichever thread settles their task — here the store's, once the task is
     * committed. Clients that never read their large answers must not take that thread: everyone else's answers
     * still come at once.
     */
    @Test
    void clientsThatDoNotReadTheirAnswersHoldUpNoOneElse() throws Exception {
        List<java.net.Socket> deaf = new ArrayList<>();
        try {
            String text = "x".repeat(3 * 1024 * 1024); // answered three times over: more than the socket buffers hold
            for (int i = 0; i < 4; i++) {
                deaf.add(sendWithoutReading("/agents/echo", text));
            }
            Thread.sleep(3_000); // their tasks are stored and their answers are being written
            HttpClient client = client();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> answer = client.send(sendMessage("/agents/echo", "next " + i, Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("TASK_STATE_COMPLETED", JSON.readTree(answer.body()).at("/result/task/status/state").asText(),
                        answer.body());
            }
        } finally {
            for (java.net.Socket socket : deaf) {
                socket.close();
            }
        }
    }

    /** Sends a blocking SendMessage over a connection that reads nothing back (with a small receive window). */
    private static java.net.Socket sendWithoutReading(String path, String text) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params",
                Map.of("message", Map.of("messageId", java.util.UUID.randomUUID().toString(), "role", "ROLE_USER",
                        "parts", List.of(Map.of("text", text))))));
        java.net.Socket socket = new java.net.Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", agentx.port()), 5_000);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "A2A-Version: 1.0\r\nX-API-Key: " + AgentxProcess.API_KEY + "\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * A client speaking HTTP/1.1 as AgentX does: the JDK client's default (HTTP/2, upgrading each plain connection
     * with h2c) is what AgentX's own test client avoids too, and 250 upgrade attempts at once are the suspected
     * cause of answers going unread in some fresh-clone CI runs (never reproduced locally).
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpRequest sendMessage(String path, String text, Duration timeout) throws Exception {
        String body = sendMessageBody(text);
        return agentx.request(path, false).timeout(timeout).header("Content-Type", "application/json")
                .header("A2A-Version", "1.0").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Established connections to AgentX's port, from both ends, with the bytes each holds unread by its reader
     * (ss: Recv-Q) and unacknowledged by the other end (Send-Q); idle ones are only counted.
     */
    private static String unreadBytes() {
        return sockets("client ends", "dport") + "\n" + sockets("AgentX's ends", "sport");
    }

    private static String sockets(String which, String port) {
        try {
            Process ss = new ProcessBuilder("ss", "-tnH", "state", "established", "( " + port + " = :" + agentx.port()
                    + " )").redirectErrorStream(true).start();
            List<String> all = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            List<String> holding = all.stream().filter(line -> !line.trim().matches("0\\s+0\\s.*")).toList();
            return which + ": " + all.size() + " established, " + holding.size() + " holding bytes (Recv-Q Send-Q):\n"
                    + String.join("\n", holding);
        } catch (IOException e) {
            return "(no ss: " + e + ")";
        }
    }

    private static String consoleTail() {
        try {
            String console = agentx.console();
            return console.substring(Math.max(0, console.length() - 20_000));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    private static String threadDump() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(agentx.pid().pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // AgentX's own threads first (the JVM's and Jetty's idle ones would crowd them out of the limit)
            StringBuilder ours = new StringBuilder();
            StringBuilder others = new StringBuilder();
            for (String thread : dump.split("\n\n")) {
                (thread.startsWith("\"agentx") ? ours : others).append(thread).append("\n\n");
            }
            String ordered = ours.append(others).toString();
            return ordered.length() > 60_000 ? ordered.substring(0, 60_000) : ordered;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static void awaitRemoteCard() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = agentx.get("/api/v1/agents/slow", true);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && response.body().contains("protocolVersion")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the slow remote agent's card was not fetched: " + last);
    }

    /** An A2A 1.0 JSON-RPC agent that answers every SendMessage 5 s later, holding no thread meanwhile. */
    private static HttpServer slowRemoteAgent() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        String rpc = "http://127.0.0.1:" + server.getAddress().getPort() + "/rpc";
        server.createContext("/.well-known/agent-card.json", exchange -> reply(exchange, """
                {"name":"slow","description":"answers after a while","version":"1","supportedInterfaces":[{"url":"%s",
                "protocolBinding":"JSONRPC","protocolVersion":"1.0"}],"capabilities":{},
                "defaultInputModes":["text/plain"],"defaultOutputModes":["text/plain"],"skills":[]}""".formatted(rpc)));
        server.createContext("/rpc", exchange -> {
            exchange.getRequestBody().readAllBytes();
            LATER.schedule(() -> reply(exchange, """
                    {"jsonrpc":"2.0","id":1,"result":{"task":{"id":"%s","contextId":"c","status":{"state":
                    "TASK_STATE_COMPLETED"},"artifacts":[{"artifactId":"a","parts":[{"text":"slow answer"}]}]}}}"""
                    .formatted(java.util.UUID.randomUUID())), REMOTE_DELAY_SECONDS, TimeUnit.SECONDS);
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the gateway went away
        }
    }
}
