package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durable tasks in the real distribution: acknowledged tasks survive {@code kill -9}, tasks in flight are resolved
 * on restart, and an interrupted event stream resumes after a restart with exactly the events it missed.
 */
class DurableTasksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> V1 = Map.of("A2A-Version", "1.0");

    /** The embedded H2 store always; PostgreSQL too when its test server runs (always on CI). */
    static Stream<String> databases() {
        String postgres = System.getenv("AGENTX_TEST_PG_URL");
        if (postgres == null && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the durability tests on PostgreSQL too (AGENTX_TEST_PG_URL)");
        }
        return postgres == null ? Stream.of("h2") : Stream.of("h2", postgres);
    }

    private static AgentxProcess agentx(String database) throws Exception {
        AgentxProcess agentx = AgentxProcess.fresh();
        if (!database.equals("h2")) {
            String user = System.getenv().getOrDefault("AGENTX_TEST_PG_USER", "agentx");
            String password = System.getenv().getOrDefault("AGENTX_TEST_PG_PASSWORD", "agentx");
            try (Connection connection = DriverManager.getConnection(database, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS agentx_push_outbox, agentx_push_config, agentx_task_event, "
                        + "agentx_task, agentx_schema_version");
            }
            Files.writeString(agentx.home().resolve("config/io.agentx.store.cfg"),
                    "url=" + database + "\nuser=" + user + "\npassword=" + password + "\n");
        }
        return agentx;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyAcknowledgedTaskSurvivesKillDashNineUnderLoad(String database) throws Exception {
        try (AgentxProcess agentx = agentx(database).start()) {
            awaitStore(agentx, database);
            Set<String> completed = ConcurrentHashMap.newKeySet();
            Set<String> inFlight = ConcurrentHashMap.newKeySet();
            AtomicInteger attempted = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            for (int c = 0; c < 16; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        boolean waiting = i % 4 == client % 4;
                        attempted.incrementAndGet();
                        try {
                            JsonNode task = send(agentx, waiting ? "wait" : "crash test " + client + "/" + i, waiting);
                            (waiting ? inFlight : completed).add(task.get("id").asText());
                        } catch (Exception e) {
                            return null; // the process is gone
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(2500);
            agentx.kill();
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
            assertTrue(completed.size() > 50, "load ran: " + completed.size() + " completed tasks acknowledged");
            assertTrue(inFlight.size() > 10, "load ran: " + inFlight.size() + " in-flight tasks acknowledged");

            agentx.start();
            for (String id : completed) {
                assertEquals("TASK_STATE_COMPLETED", state(agentx, id), "acknowledged completed task " + id);
            }
            for (String id : inFlight) {
                JsonNode task = awaitState(agentx, id, "TASK_STATE_FAILED");
                assertTrue(task.at("/status/message/parts/0/text").asText().contains("AgentX restarted"), task.toString());
            }
            int stored = JSON.readTree(rpc(agentx, "ListTasks", "{\"pageSize\":1}").body()).at("/result/totalSize").asInt();
            int acknowledged = completed.size() + inFlight.size();
            assertTrue(stored >= acknowledged && stored <= attempted.get(), "stored " + stored + " tasks; acknowledged "
                    + acknowledged + ", attempted " + attempted.get() + " (a task is stored once, never duplicated)");
        }
    }

    @Test
    void aStreamResumesAfterARestartWithExactlyTheEventsItMissed() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().start()) {
            List<SseClient.Event> seen = new ArrayList<>();
            try (SseClient stream = new SseClient(agentx.port(), "/agents/echo", streamRequest("count 8"), V1)) {
                while (seen.isEmpty() || !seen.get(seen.size() - 1).id().endsWith(":3")) {
                    seen.add(stream.next());
                }
            } // the connection drops after event 3 (0 is the task, 1 WORKING, 2 and 3 the first two numbers)
            String taskId = seen.get(0).id().substring(0, seen.get(0).id().lastIndexOf(':'));
            awaitState(agentx, taskId, "TASK_STATE_COMPLETED");
            assertEquals(0, agentx.terminate());

            agentx.start();
            List<SseClient.Event> missed;
            try (SseClient resumed = new SseClient(agentx.port(), "/agents/echo", "{\"jsonrpc\":\"2.0\",\"id\":2,"
                    + "\"method\":\"SubscribeToTask\",\"params\":{\"id\":\"" + taskId + "\"}}",
                    Map.of("A2A-Version", "1.0", "Last-Event-ID", taskId + ":3"))) {
                missed = resumed.rest();
            }
            assertEquals(List.of(4, 5, 6, 7, 8, 9, 10), numbers(missed), "exactly the events after 3, in order");
            assertTrue(missed.get(missed.size() - 1).data().contains("TASK_STATE_COMPLETED"));
            List<SseClient.Event> all = new ArrayList<>(seen);
            all.addAll(missed);
            assertEquals("1 2 3 4 5 6 7 8", counted(all), "no chunk lost or repeated");
        }
    }

    @Test
    void aStreamCutByACrashResumesWithTheStoredEventsAndTheTasksFailure() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().start()) {
            List<SseClient.Event> seen = new ArrayList<>();
            try (SseClient stream = new SseClient(agentx.port(), "/agents/echo", streamRequest("count 40"), V1)) {
                while (seen.isEmpty() || !seen.get(seen.size() - 1).id().endsWith(":3")) {
                    seen.add(stream.next());
                }
            }
            String taskId = seen.get(0).id().substring(0, seen.get(0).id().lastIndexOf(':'));
            Thread.sleep(1000);
            agentx.kill();

            agentx.start();
            awaitState(agentx, taskId, "TASK_STATE_FAILED");
            List<SseClient.Event> missed;
            // the client re-sends its streaming request with Last-Event-ID, as an EventSource does: the message is not sent again
            try (SseClient resumed = new SseClient(agentx.port(), "/agents/echo", streamRequest("count 40"),
                    Map.of("A2A-Version", "1.0", "Last-Event-ID", taskId + ":3"))) {
                missed = resumed.rest();
            }
            List<Integer> numbers = numbers(missed);
            // events made while no one watched were not stored (no one saw them): the client gets what was, then the failure
            assertTrue(!numbers.isEmpty(), "at least the failure: " + numbers);
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(4 + i, numbers.get(i), "contiguous from 4: " + numbers);
            }
            SseClient.Event last = missed.get(missed.size() - 1);
            assertTrue(last.data().contains("TASK_STATE_FAILED") && last.data().contains("AgentX restarted"), last.data());
            List<SseClient.Event> all = new ArrayList<>(seen);
            all.addAll(missed);
            String counted = counted(all);
            assertTrue(counted.matches("1 2 3( \\d+)* ?"), "chunks in order, none repeated: " + counted);
            assertEquals(1, JSON.readTree(rpc(agentx, "ListTasks", "{\"pageSize\":5}").body()).at("/result/totalSize")
                    .asInt(), "re-sending the stream request with Last-Event-ID did not create a task");
        }
    }

    @Test
    void aPluginAgentThatResumesTasksGetsItsTaskBackAfterACrash() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Path config = agentx.home().resolve("config");
            Files.writeString(config.resolve("io.agentx.grpc.cfg.json"), "{\"port\": " + AgentxProcess.freePort() + "}");
            Files.writeString(config.resolve("io.agentx.plugin~node-resumer.cfg.json"), JSON.writeValueAsString(Map.of(
                    "command", "node", "arguments", new String[] {PluginCalls.SCRIPTS.resolve("echo-plugin.mjs").toString()},
                    "workingDirectory", PluginCalls.SCRIPTS.toString(),
                    "environment", new String[] {"AGENT_ID=node-resumer", "RESUMES_TASKS=true"})));
            agentx.start();
            PluginCalls plugins = new PluginCalls(agentx);
            plugins.awaitPlugin("node-resumer", plugin -> plugin.path("connected").asBoolean());
            agentx.awaitGet("/agents/node-resumer/.well-known/agent-card.json", 200, "Echo", Duration.ofSeconds(10));
            JsonNode started = JSON.readTree(rpc(agentx, "/agents/node-resumer", "SendMessage", "{\"message\":{"
                    + "\"messageId\":\"resume-1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"wait for the crash\"}]},"
                    + "\"configuration\":{\"returnImmediately\":true}}").body());
            String taskId = started.at("/result/task/id").asText();
            assertTrue(!taskId.isEmpty(), "a task: " + started);
            awaitState(agentx, "/agents/node-resumer", taskId, "TASK_STATE_WORKING");

            agentx.kill();
            agentx.start(); // the plugin process is started again and registers; the task waits for it

            JsonNode resumed = awaitState(agentx, "/agents/node-resumer", taskId, "TASK_STATE_COMPLETED");
            assertEquals("resumed: wait for the crash", resumed.at("/status/message/parts/0/text").asText(),
                    "the plugin got the task back, marked as resumed: " + resumed);
        }
    }

    /**
     * A conversation through the gateway survives a restart: two remote replicas (@a2a-js/sdk servers) each ask for
     * input on a task, AgentX is stopped and started again, and each follow-up reaches the remote task of the replica
     * that asked (its ids kept in the task's metadata), which completes it.
     */
    @Test
    void aRemoteAgentsQuestionCanBeAnsweredAfterARestart() throws Exception {
        try (RemoteAgentProcess alpha = RemoteAgentProcess.start("alpha", "1.0");
                RemoteAgentProcess beta = RemoteAgentProcess.start("beta", "1.0");
                AgentxProcess agentx = AgentxProcess.fresh()) {
            Files.writeString(agentx.home().resolve("config/io.agentx.router.remote~chat.cfg.json"),
                    JSON.writeValueAsString(Map.of("agentId", "chat", "cardUrls", List.of(alpha.cardUrl(), beta.cardUrl()),
                            "strategy", "round-robin", "healthIntervalMillis", 200)));
            agentx.start();
            awaitBothReplicas(agentx);
            Map<String, String> askedBy = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonNode asked = JSON.readTree(rpc(agentx, "/agents/chat", "SendMessage", "{\"message\":{\"messageId\":\""
                        + UUID.randomUUID() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"ask about the weather\"}]}}")
                        .body());
                assertEquals("TASK_STATE_INPUT_REQUIRED", asked.at("/result/task/status/state").asText(), asked.toString());
                String question = asked.at("/result/task/status/message/parts/0/text").asText();
                askedBy.put(question.substring(0, question.indexOf(':')), asked.at("/result/task/id").asText());
            }
            assertEquals(Set.of("alpha", "beta"), askedBy.keySet(), "one task on each replica");

            assertEquals(0, agentx.terminate());
            agentx.start();
            awaitBothReplicas(agentx);

            for (int i = 0; i < 2; i++) {
                // round robin's next pick is the replica that did not just answer: the follow-up for the task of the
                // one that did reaches it only because the task's metadata names it
                JsonNode hello = JSON.readTree(rpc(agentx, "/agents/chat", "SendMessage", "{\"message\":{\"messageId\":\""
                        + UUID.randomUUID() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello\"}]}}").body());
                String justAnswered = hello.at("/result/task/status/message/parts/0/text").asText().split(":")[0];
                String taskId = askedBy.remove(justAnswered);
                assertTrue(taskId != null, justAnswered + " answered twice in a row, or is unknown: " + hello);
                JsonNode answered = JSON.readTree(rpc(agentx, "/agents/chat", "SendMessage", "{\"message\":{\"messageId\":\""
                        + UUID.randomUUID() + "\",\"taskId\":\"" + taskId + "\",\"role\":\"ROLE_USER\","
                        + "\"parts\":[{\"text\":\"sunny?\"}]}}").body());
                assertEquals("TASK_STATE_COMPLETED", answered.at("/result/task/status/state").asText(), answered.toString());
                assertEquals(justAnswered + ": got sunny? after 2 turns",
                        answered.at("/result/task/status/message/parts/0/text").asText(),
                        "the follow-up reached the remote task of the replica that asked: " + answered);
            }
        }
    }

    @Test
    void aPushDeliveryCutOffByACrashIsMadeAfterTheRestart() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (receiverUp.get()) {
                received.add(body);
            }
            exchange.sendResponseHeaders(receiverUp.get() ? 200 : 503, -1);
            exchange.close();
        });
        receiver.start();
        try (AgentxProcess agentx = AgentxProcess.fresh()) {
            Files.writeString(agentx.home().resolve("config/io.agentx.core.cfg"),
                    "pushAllowPrivateDestinations=true\npushAttempts=20\n");
            agentx.start();
            String taskId = send(agentx, "wait", true).get("id").asText();
            awaitState(agentx, taskId, "TASK_STATE_WORKING");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/push";
            JsonNode created = JSON.readTree(rpc(agentx, "CreateTaskPushNotificationConfig", "{\"taskId\":\"" + taskId
                    + "\",\"id\":\"hook\",\"url\":\"" + url + "\",\"token\":\"t\"}").body());
            assertEquals("hook", created.at("/result/id").asText(), created.toString());
            JsonNode canceled = JSON.readTree(rpc(agentx, "CancelTask", "{\"id\":\"" + taskId + "\"}").body());
            assertEquals("TASK_STATE_CANCELED", canceled.at("/result/status/state").asText(), canceled.toString());
            Thread.sleep(1500); // the receiver answers 503: the delivery is being retried when AgentX dies
            agentx.kill();
            assertEquals(List.of(), received);

            receiverUp.set(true);
            agentx.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.stream().noneMatch(body -> body.contains("TASK_STATE_CANCELED")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(received.stream().anyMatch(body -> body.contains(taskId) && body.contains("TASK_STATE_CANCELED")),
                    "the CANCELED event reached the destination after the restart: " + received);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anUnreachableDatabaseAtStartIsReportedAndRequestsGetAClearError() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + AgentxProcess.freePort() + "/agentx";
        AgentxProcess agentx = AgentxProcess.fresh().env("AGENTX_READY_TIMEOUT", "3s");
        try (agentx) {
            Files.writeString(agentx.home().resolve("config/io.agentx.store.cfg"), "url=" + url + "\nuser=agentx\n");
            agentx.launch();
            String console = agentx.awaitOutput("but not ready", Duration.ofSeconds(60));
            assertTrue(console.contains("Task store cannot reach its database " + url), console);

            HttpResponse<String> ready = agentx.get("/health/ready", false);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("task store") && ready.body().contains(url), ready.body());

            HttpResponse<String> send = agentx.send(agentx.request("/agents/echo/rest/message:send", false)
                    .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"messageId\":\"m1\",\"role\":\"ROLE_USER\","
                            + "\"parts\":[{\"text\":\"hello\"}]}}")).build());
            assertEquals(503, send.statusCode(), send.body());
            assertTrue(send.body().contains("STORE_UNAVAILABLE") && send.body().contains(url), send.body());
            assertEquals(200, agentx.get("/agents/echo/.well-known/agent-card.json", false).statusCode(),
                    "AgentX keeps serving what needs no store");
            assertTrue(agentx.pid().isAlive(), "no crash");
        }
    }

    /**
     * The database lost while AgentX serves (its connections cut, new ones refused, by a proxy in between) and back:
     * meanwhile requests fail fast with STORE_UNAVAILABLE naming the database and readiness says why; once it is
     * back, service resumes by itself and what was stored before is there.
     */
    @Test
    void aDatabaseLostWhileServingGivesAClearErrorAndServiceResumesWhenItIsBack() throws Exception {
        String postgres = databases().filter(database -> !database.equals("h2")).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(postgres != null,
                "needs the PostgreSQL test server (scripts/postgres-for-tests.sh)");
        java.net.URI server = java.net.URI.create(postgres.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath();
            try (AgentxProcess agentx = agentx(proxied)) {
                agentx.start();
                awaitStore(agentx, proxied);
                String before = send(agentx, "before", false).get("id").asText();

                proxy.cut();
                long started = System.nanoTime();
                JsonNode refused = JSON.readTree(rpc(agentx, "SendMessage", "{\"message\":{\"messageId\":\"lost-1\","
                        + "\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"while lost\"}]}}").body());
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(-32051, refused.at("/error/code").asInt(), "STORE_UNAVAILABLE: " + refused);
                assertTrue(refused.at("/error/message").asText().contains(proxied), refused.toString());
                assertTrue(tookMillis < 20_000, "a clear error, not a hang: " + tookMillis + " ms");
                HttpResponse<String> ready = agentx.get("/health/ready", false);
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("cannot reach its database " + proxied), ready.body());

                proxy.restore();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                JsonNode again = null;
                while (System.nanoTime() < deadline) {
                    again = JSON.readTree(rpc(agentx, "SendMessage", "{\"message\":{\"messageId\":\""
                            + java.util.UUID.randomUUID() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"back\"}]}}")
                            .body());
                    if (again.has("result")) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertEquals("TASK_STATE_COMPLETED", again.at("/result/task/status/state").asText(), "served again: " + again);
                assertEquals("TASK_STATE_COMPLETED", state(agentx, before), "the task stored before is still there");
                agentx.awaitGet("/health/ready", 200, "READY", Duration.ofSeconds(10));
            }
        }
    }

    private static String streamRequest(String text) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendStreamingMessage\",\"params\":{\"message\":{\"messageId\":\""
                + java.util.UUID.randomUUID() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"" + text + "\"}]}}}";
    }

    private static List<Integer> numbers(List<SseClient.Event> events) {
        return events.stream().map(event -> Integer.parseInt(event.id().substring(event.id().lastIndexOf(':') + 1)))
                .toList();
    }

    /** The text of the count artifact's chunks, in the order received. */
    private static String counted(List<SseClient.Event> events) throws Exception {
        StringBuilder text = new StringBuilder();
        for (SseClient.Event event : events) {
            JsonNode chunk = JSON.readTree(event.data()).at("/result/artifactUpdate/artifact/parts/0/text");
            if (!chunk.isMissingNode()) {
                text.append(chunk.asText());
            }
        }
        return text.toString();
    }

    private static void awaitStore(AgentxProcess agentx, String database) throws Exception {
        if (!database.equals("h2")) {
            String console = agentx.awaitOutput("Task store connected to " + database, Duration.ofSeconds(30));
            assertTrue(console.contains(database));
        }
    }

    private static JsonNode send(AgentxProcess agentx, String text, boolean returnImmediately) throws Exception {
        HttpResponse<String> answer = rpc(agentx, "SendMessage", "{\"message\":{\"messageId\":\"" + java.util.UUID.randomUUID()
                + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"" + text + "\"}]},\"configuration\":{\"returnImmediately\":"
                + returnImmediately + "}}");
        JsonNode task = JSON.readTree(answer.body()).at("/result/task");
        if (task.isMissingNode()) {
            throw new IllegalStateException(answer.body());
        }
        return task;
    }

    private static String state(AgentxProcess agentx, String taskId) throws Exception {
        return task(agentx, taskId).at("/status/state").asText();
    }

    private static JsonNode task(AgentxProcess agentx, String agent, String taskId) throws Exception {
        JsonNode answer = JSON.readTree(rpc(agentx, agent, "GetTask", "{\"id\":\"" + taskId + "\"}").body());
        return answer.has("result") ? answer.get("result") : answer;
    }

    private static JsonNode task(AgentxProcess agentx, String taskId) throws Exception {
        return task(agentx, "/agents/echo", taskId);
    }

    private static JsonNode awaitState(AgentxProcess agentx, String taskId, String state) throws Exception {
        return awaitState(agentx, "/agents/echo", taskId, state);
    }

    private static JsonNode awaitState(AgentxProcess agentx, String agent, String taskId, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = task(agentx, agent, taskId);
            if (state.equals(task.at("/status/state").asText())) {
                return task;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not become " + state + ": " + task);
    }

    private static void awaitBothReplicas(AgentxProcess agentx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> agent = agentx.get("/api/v1/agents/chat", true);
            last = agent.statusCode() + " " + agent.body();
            if (agent.statusCode() == 200 && agent.body().contains("\"healthyReplicas\":2")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the remote agent chat did not get two healthy replicas: " + last);
    }

    private static HttpResponse<String> rpc(AgentxProcess agentx, String method, String params) throws Exception {
        return rpc(agentx, "/agents/echo", method, params);
    }

    private static HttpResponse<String> rpc(AgentxProcess agentx, String agent, String method, String params)
            throws Exception {
        HttpRequest request = agentx.request(agent, false).header("Content-Type", "application/json")
                .header("A2A-Version", "1.0").POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"method\":\"" + method + "\",\"params\":" + params + "}")).build();
        return agentx.send(request);
    }
}
