package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AgentX as a gateway in front of real {@code @a2a-js/sdk} servers on loopback: remote agents configured by
 * files in {@code config/} while traffic flows, balancing, failover when a replica dies and its return,
 * version translation both ways, streaming and cancellation through the gateway.
 */
class GatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static AgentxProcess agentx;
    private static RemoteAgentProcess alpha;
    private static RemoteAgentProcess beta;
    private static RemoteAgentProcess legacy;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isDirectory(RemoteAgentProcess.SCRIPTS.resolve("node_modules/@a2a-js/sdk")),
                "install the test's Node.js dependencies first with `npm ci --prefix distribution/src/test/js`");
        alpha = RemoteAgentProcess.start("alpha", "1.0");
        beta = RemoteAgentProcess.start("beta", "1.0");
        legacy = RemoteAgentProcess.start("legacy", "0.3");
        agentx = AgentxProcess.fresh().start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable process : new AutoCloseable[] {agentx, alpha, beta, legacy}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void balancesAsConfiguredAndFollowsLiveReconfigurationWithoutFailingTraffic() throws Exception {
        configure("pair", Map.of("agentId", "pair", "cardUrls", List.of(alpha.cardUrl(), beta.cardUrl()),
                "healthIntervalMillis", 200));
        awaitAgent("pair", "\"healthyReplicas\":2");
        assertEquals(Map.of("alpha", 10, "beta", 10), repliers("pair", 20), "round robin alternates");

        LoadLoop load = new LoadLoop("pair");
        try {
            configure("pair", Map.of("agentId", "pair", "cardUrls", List.of(alpha.cardUrl(), beta.cardUrl()),
                    "strategy", "weighted-round-robin", "weights", List.of(3, 1), "healthIntervalMillis", 200));
            awaitAgent("pair", "weighted-round-robin");
            Thread.sleep(200);
        } finally {
            load.stop();
        }
        assertTrue(load.succeeded.get() > 0, "requests flowed during the change");
        assertEquals(List.of(), List.copyOf(load.failures), "no request failed while the configuration changed");
        assertEquals(Map.of("alpha", 30, "beta", 10), repliers("pair", 40), "weights 3:1 are respected");
    }

    @Test
    void aKilledReplicaIsEjectedWithoutFailingRequestsAndGetsTrafficAgainWhenBack() throws Exception {
        RemoteAgentProcess gamma = RemoteAgentProcess.start("gamma", "1.0");
        RemoteAgentProcess delta = RemoteAgentProcess.start("delta", "1.0");
        try {
            configure("failover", Map.of("agentId", "failover", "cardUrls", List.of(gamma.cardUrl(), delta.cardUrl()),
                    "healthIntervalMillis", 200));
            awaitAgent("failover", "\"healthyReplicas\":2");
            LoadLoop load = new LoadLoop("failover");
            Thread.sleep(300);
            delta.kill();
            awaitAgent("failover", "\"healthyReplicas\":1");
            load.stop();
            assertTrue(load.failures.size() <= 1, "only the request delta was working on when it died may fail "
                    + "(it may have reached the agent, so it is not sent again); later ones are failed over: "
                    + load.failures);
            assertTrue(load.succeeded.get() > 10, "traffic flowed: " + load.succeeded.get());
            LoadLoop afterEjection = new LoadLoop("failover");
            Thread.sleep(1000);
            afterEjection.stop();
            assertEquals(List.of(), List.copyOf(afterEjection.failures), "after ejection no request fails");
            assertEquals(Map.of("gamma", 20), repliers("failover", 20), "the dead replica gets nothing");

            delta = new RemoteAgentProcess("delta", "1.0", port(delta)).start();
            awaitAgent("failover", "\"healthyReplicas\":2");
            Map<String, Integer> after = new TreeMap<>();
            for (int i = 0; i < 400 && !after.containsKey("delta"); i++) {
                after.merge(replier(send("failover", "hello")), 1, Integer::sum);
            }
            assertTrue(after.containsKey("delta"), "the restarted replica gets traffic again: " + after);
        } finally {
            gamma.close();
            delta.close();
        }
    }

    @Test
    void aFollowUpReachesTheReplicaThatAskedAndAContextStaysOnOneReplica() throws Exception {
        configure("chat", Map.of("agentId", "chat", "cardUrls", List.of(alpha.cardUrl(), beta.cardUrl()),
                "strategy", "context-affinity", "healthIntervalMillis", 200));
        awaitAgent("chat", "\"healthyReplicas\":2");
        for (int round = 0; round < 4; round++) {
            JsonNode asked = send("chat", "ask about the weather");
            assertEquals("TASK_STATE_INPUT_REQUIRED", asked.at("/result/task/status/state").asText(), asked.toString());
            String replica = replier(asked);
            JsonNode answered = rpc("/agents/chat", "SendMessage", message("sunny?", asked.at("/result/task/id").asText(),
                    null), "1.0");
            assertEquals("TASK_STATE_COMPLETED", answered.at("/result/task/status/state").asText(), answered.toString());
            assertEquals(replica + ": got sunny? after 2 turns", answered.at("/result/task/status/message/parts/0/text")
                    .asText(), "the follow-up reached the replica holding the task");
        }
        String contextId = UUID.randomUUID().toString();
        Map<String, Integer> replicas = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            replicas.merge(replier(rpc("/agents/chat", "SendMessage", message("hi", null, contextId), "1.0")), 1,
                    Integer::sum);
        }
        assertEquals(1, replicas.size(), "one context, one replica: " + replicas);
    }

    @Test
    void translatesBetweenA2aVersionsBothWays() throws Exception {
        configure("old", Map.of("agentId", "old", "cardUrls", List.of(legacy.cardUrl()), "healthIntervalMillis", 200));
        configure("new", Map.of("agentId", "new", "cardUrls", List.of(alpha.cardUrl()), "healthIntervalMillis", 200));
        awaitAgent("old", "\"healthyReplicas\":1");
        awaitAgent("new", "\"healthyReplicas\":1");

        JsonNode served = JSON.readTree(agentx.get("/agents/new/.well-known/agent-card.json", false).body());
        assertFalse(served.at("/capabilities/extendedAgentCard").asBoolean(true), "the remote card offers an extended "
                + "card; AgentX serves none (GetExtendedAgentCard: UnsupportedOperation), so its card offers none: " + served);
        assertEquals("0.3", agent("old").at("/replicas/0/remote/protocolVersion").asText(), "the 0.3 card was recognised");
        assertEquals("1.0", agent("new").at("/replicas/0/remote/protocolVersion").asText());
        JsonNode fromNewClient = send("old", "hi old");
        assertEquals("TASK_STATE_COMPLETED", fromNewClient.at("/result/task/status/state").asText(), fromNewClient.toString());
        assertEquals("legacy: hi old", fromNewClient.at("/result/task/artifacts/0/parts/0/text").asText());

        ObjectNode params = JSON.createObjectNode();
        params.set("message", JSON.valueToTree(Map.of("kind", "message", "messageId", UUID.randomUUID().toString(),
                "role", "user", "parts", List.of(Map.of("kind", "text", "text", "hi new")))));
        JsonNode fromOldClient = rpc("/agents/new", "message/send", params, null);
        assertEquals("task", fromOldClient.at("/result/kind").asText(), fromOldClient.toString());
        assertEquals("completed", fromOldClient.at("/result/status/state").asText());
        assertEquals("alpha: hi new", fromOldClient.at("/result/artifacts/0/parts/0/text").asText());
    }

    @Test
    void streamsEventByEventAndCancelsTheRemoteTask() throws Exception {
        configure("streamer", Map.of("agentId", "streamer", "cardUrls", List.of(beta.cardUrl(), legacy.cardUrl()),
                "healthIntervalMillis", 200));
        awaitAgent("streamer", "\"healthyReplicas\":2");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> stream = agentx.send(agentx.request("/agents/streamer", false)
                    .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope("SendStreamingMessage", message("stream 3", null, null))))
                    .build());
            assertEquals(200, stream.statusCode(), stream.body());
            List<JsonNode> events = new ArrayList<>();
            for (String line : stream.body().split("\n")) {
                if (line.startsWith("data:")) {
                    events.add(JSON.readTree(line.substring(5)).get("result"));
                }
            }
            assertTrue(events.get(0).has("task"), "the task comes first: " + events);
            assertEquals(3, events.stream().filter(event -> event.has("artifactUpdate")).count(), "three chunks: " + events);
            assertEquals("TASK_STATE_COMPLETED", events.get(events.size() - 1).at("/statusUpdate/status/state").asText());
        }

        ObjectNode params = message("wait", null, null);
        ((ObjectNode) params).set("configuration", JSON.valueToTree(Map.of("returnImmediately", true)));
        JsonNode waiting = rpc("/agents/streamer", "SendMessage", params, "1.0");
        String taskId = waiting.at("/result/task/id").asText();
        awaitState(taskId, "TASK_STATE_WORKING");
        JsonNode canceled = rpc("/agents/streamer", "CancelTask", JSON.valueToTree(Map.of("id", taskId)), "1.0");
        assertEquals("TASK_STATE_CANCELED", canceled.at("/result/status/state").asText(), canceled.toString());
        assertTrue(canceled.at("/result/status/message/parts/0/text").asText().endsWith(": canceled"),
                "the remote agent itself canceled its task and said so: " + canceled);
        awaitState(taskId, "TASK_STATE_CANCELED");
    }

    /**
     * A remote agent added, given another replica, moved to that replica alone and removed by configuration file
     * while traffic flows to it and to another agent: no request of either fails, and the figures operators see
     * account for the traffic.
     */
    @Test
    void aRemoteAgentAddedChangedAndRemovedWhileTrafficFlowsFailsNoRequest() throws Exception {
        configure("steady", Map.of("agentId", "steady", "cardUrls", List.of(alpha.cardUrl()), "healthIntervalMillis", 200));
        awaitAgent("steady", "\"healthyReplicas\":1");
        LoadLoop steady = new LoadLoop("steady");
        LoadLoop moving;
        try {
            configure("moving", Map.of("agentId", "moving", "cardUrls", List.of(alpha.cardUrl()), "healthIntervalMillis", 200));
            awaitAgent("moving", "\"healthyReplicas\":1");
            moving = new LoadLoop("moving");
            try {
                Thread.sleep(300);
                configure("moving", Map.of("agentId", "moving", "cardUrls", List.of(alpha.cardUrl(), beta.cardUrl()),
                        "healthIntervalMillis", 200));
                awaitAgent("moving", "\"healthyReplicas\":2");
                Thread.sleep(300);
                configure("moving", Map.of("agentId", "moving", "cardUrls", List.of(beta.cardUrl()),
                        "healthIntervalMillis", 200));
                awaitAgent("moving", "\"healthyReplicas\":1");
                Thread.sleep(300);
            } finally {
                moving.stop();
            }
            assertEquals(Map.of("beta", 6), repliers("moving", 6), "served by the replica it was moved to");
            Files.delete(configFile("moving"));
            agentx.awaitGet("/agents/moving/.well-known/agent-card.json", 404, "no agent", WAIT);
            Thread.sleep(300);
        } finally {
            steady.stop();
        }
        assertTrue(moving.succeeded.get() > 0 && steady.succeeded.get() > 0, "requests flowed throughout");
        assertEquals(List.of(), List.copyOf(moving.failures), "no request to the changing agent failed");
        assertEquals(List.of(), List.copyOf(steady.failures), "no request to the other agent failed");

        JsonNode figures = agent("steady");
        JsonNode replica = figures.at("/replicas/0");
        assertTrue(figures.get("requests").asLong() >= steady.succeeded.get(), figures.toString());
        assertEquals(0, figures.get("errors").asLong(), figures.toString());
        assertEquals(0, replica.get("outstanding").asInt(), "nothing in flight once the load stopped: " + figures);
        assertTrue(replica.at("/latencyMillis/p99").asDouble() > 0
                && replica.at("/latencyMillis/p99").asDouble() >= replica.at("/latencyMillis/p50").asDouble(),
                "latency percentiles: " + figures);
        assertEquals(0, figures.get("outstanding").asInt(), "the agent's own figures too: " + figures);
        assertEquals(replica.at("/latencyMillis/p99").asDouble(), figures.at("/latencyMillis/p99").asDouble(),
                "one replica: the agent's percentiles are its replica's: " + figures);
        Files.delete(configFile("steady"));
    }

    @Test
    void aSubscriptionThroughTheGatewayFollowsTheRemoteTaskToItsEnd() throws Exception {
        configure("followed", Map.of("agentId", "followed", "cardUrls", List.of(beta.cardUrl()), "healthIntervalMillis", 200));
        awaitAgent("followed", "\"healthyReplicas\":1");
        ObjectNode params = message("wait", null, null);
        params.set("configuration", JSON.valueToTree(Map.of("returnImmediately", true)));
        String taskId = rpc("/agents/followed", "SendMessage", params, "1.0").at("/result/task/id").asText();
        awaitState("/agents/followed", taskId, "TASK_STATE_WORKING");

        java.util.concurrent.CompletableFuture<HttpResponse<String>> subscription = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return agentx.send(agentx.request("/agents/followed", false)
                                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                                .POST(HttpRequest.BodyPublishers.ofString(envelope("SubscribeToTask",
                                        JSON.valueToTree(Map.of("id", taskId))))).build());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(500);
        assertTrue(!subscription.isDone(), "the subscription stays open while the task works");
        rpc("/agents/followed", "CancelTask", JSON.valueToTree(Map.of("id", taskId)), "1.0");
        HttpResponse<String> stream = subscription.get(20, java.util.concurrent.TimeUnit.SECONDS);
        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.body().split("\n")) {
            if (line.startsWith("data:")) {
                events.add(JSON.readTree(line.substring(5)));
            }
        }
        assertEquals(taskId, events.get(0).at("/result/task/id").asText(), "the task comes first: " + events);
        assertEquals("TASK_STATE_CANCELED", events.get(events.size() - 1).at("/result/statusUpdate/status/state").asText(),
                "then its end: " + events);
        Files.delete(configFile("followed"));
    }

    @Test
    void aRemoteAgentsCredentialsAreMaskedByTheApiAndNeverLogged() throws Exception {
        String apiKey = "remote-key-" + UUID.randomUUID();
        String bearerToken = "remote-bearer-" + UUID.randomUUID();
        configure("secretive", Map.of("agentId", "secretive", "cardUrls", List.of(beta.cardUrl()), "apiKey", apiKey,
                "bearerToken", bearerToken, "healthIntervalMillis", 200));
        awaitAgent("secretive", "\"healthyReplicas\":1");
        assertEquals("beta", replier(send("secretive", "hello with credentials")));

        HttpResponse<String> configuration = agentx.get("/api/v1/configurations/io.agentx.router.remote~secretive", true);
        assertEquals(200, configuration.statusCode(), configuration.body());
        JsonNode properties = JSON.readTree(configuration.body()).get("properties");
        assertEquals("********", properties.path("apiKey").asText(), configuration.body());
        assertEquals("********", properties.path("bearerToken").asText(), configuration.body());
        assertFalse(configuration.body().contains(apiKey) || configuration.body().contains(bearerToken));
        String console = agentx.console();
        assertFalse(console.contains(apiKey) || console.contains(bearerToken), "a credential reached the console");
        try (var logs = Files.list(agentx.home().resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                assertFalse(text.contains(apiKey) || text.contains(bearerToken), "a credential reached " + log);
            }
        }
        Files.delete(configFile("secretive"));
    }

    @Test
    void aRemovedAgentIsGoneAndAnAgentWithNoReachableReplicaAnswersAtOnceWithAClearError() throws Exception {
        configure("doomed", Map.of("agentId", "doomed", "cardUrls", List.of(alpha.cardUrl()), "healthIntervalMillis", 200));
        awaitAgent("doomed", "\"healthyReplicas\":1");
        assertEquals("alpha", replier(send("doomed", "still here?")));
        Files.delete(configFile("doomed"));
        agentx.awaitGet("/agents/doomed/.well-known/agent-card.json", 404, "no agent", WAIT);

        configure("nowhere", Map.of("agentId", "nowhere", "cardUrls",
                List.of("http://127.0.0.1:" + AgentxProcess.freePort() + "/.well-known/agent-card.json"),
                "healthIntervalMillis", 200));
        awaitAgent("nowhere", "\"healthyReplicas\":0");
        JsonNode refused = send("nowhere", "anyone?");
        assertEquals(-32050, refused.at("/error/code").asInt(), refused.toString());
        assertTrue(refused.at("/error/message").asText().contains("agent 'nowhere' is unavailable"), refused.toString());
        HttpResponse<String> rest = agentx.send(agentx.request("/agents/nowhere/rest/message:send", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message("anyone?", null, null)))).build());
        assertEquals(503, rest.statusCode(), rest.body());
    }

    @Test
    void theRemoteBindingAndProbeAreConfigurableAndA03ClientStreamsFromA10Agent() throws Exception {
        configure("rest-bound", Map.of("agentId", "rest-bound", "cardUrls", List.of(beta.cardUrl()),
                "preferredBinding", "HTTP+JSON", "probePath", "/stats", "healthIntervalMillis", 200));
        configure("bad-probe", Map.of("agentId", "bad-probe", "cardUrls", List.of(beta.cardUrl()),
                "probePath", "/no-such-path", "healthIntervalMillis", 200));
        awaitAgent("rest-bound", "\"healthyReplicas\":1");
        awaitAgent("bad-probe", "probe ");
        JsonNode badProbe = agent("bad-probe");
        assertEquals(0, badProbe.get("healthyReplicas").asInt(), badProbe.toString());
        assertTrue(badProbe.at("/replicas/0/lastProbeError").asText().contains("/no-such-path"), badProbe.toString());
        assertEquals("HTTP+JSON", agent("rest-bound").at("/replicas/0/remote/protocolBinding").asText());
        assertEquals("beta", replier(send("rest-bound", "over rest")), "HTTP+JSON to the remote agent");

        ObjectNode params = JSON.createObjectNode();
        params.set("message", JSON.valueToTree(Map.of("kind", "message", "messageId", UUID.randomUUID().toString(),
                "role", "user", "parts", List.of(Map.of("kind", "text", "text", "stream 2")))));
        HttpResponse<String> stream = agentx.send(agentx.request("/agents/rest-bound", false)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope("message/stream", params))).build());
        assertEquals(200, stream.statusCode(), stream.body());
        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.body().split("\n")) {
            if (line.startsWith("data:")) {
                events.add(JSON.readTree(line.substring(5)).get("result"));
            }
        }
        assertEquals("task", events.get(0).get("kind").asText(), events.toString());
        assertEquals(2, events.stream().filter(event -> "artifact-update".equals(event.path("kind").asText())).count(),
                events.toString());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("completed", last.at("/status/state").asText(), events.toString());
        assertTrue(last.get("final").asBoolean(), "0.3 streams mark the last event final: " + last);
    }

    @Test
    void moreLongRemoteTasksThanTaskManagerWorkersAllRunAtOnce() throws Exception {
        configure("patient", Map.of("agentId", "patient", "cardUrls", List.of(beta.cardUrl()),
                "healthIntervalMillis", 200));
        awaitAgent("patient", "\"healthyReplicas\":1");
        int tasks = 40; // the task manager has 32 workers by default
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ObjectNode params = message("wait", null, null);
            params.set("configuration", JSON.valueToTree(Map.of("returnImmediately", true)));
            ids.add(rpc("/agents/patient", "SendMessage", params, "1.0").at("/result/task/id").asText());
        }
        for (String id : ids) {
            awaitState("/agents/patient", id, "TASK_STATE_WORKING");
        }
        for (String id : ids) {
            JsonNode canceled = rpc("/agents/patient", "CancelTask", JSON.valueToTree(Map.of("id", id)), "1.0");
            assertEquals("TASK_STATE_CANCELED", canceled.at("/result/status/state").asText(), canceled.toString());
        }
    }

    @Test
    void theGatewayRoutesMessagesByRuleOnBothBindings() throws Exception {
        configure("router-pair", Map.of("agentId", "router-pair", "cardUrls", List.of(alpha.cardUrl()),
                "healthIntervalMillis", 200));
        awaitAgent("router-pair", "\"healthyReplicas\":1");
        Files.writeString(agentx.home().resolve("config/io.agentx.router.cfg.json"), JSON.writeValueAsString(Map.of(
                "routes", List.of("skill=weather -> router-pair", "* -> echo"))), StandardCharsets.UTF_8);
        ObjectNode weather = message("rain?", null, null);
        ((ObjectNode) weather.get("message")).putObject("metadata").put("skill", "weather");
        JsonNode routed = null;
        for (int i = 0; i < 200; i++) { // until the configuration file is picked up
            routed = rpc("/", "SendMessage", weather, "1.0");
            if (routed.has("result")) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("alpha: rain?", routed.at("/result/task/status/message/parts/0/text").asText(), routed.toString());
        JsonNode fallback = rpc("/", "SendMessage", message("plain", null, null), "1.0");
        assertEquals("plain", fallback.at("/result/task/artifacts/0/parts/0/text").asText(),
                "the default route reaches the built-in echo agent: " + fallback);

        HttpResponse<String> rest = agentx.send(agentx.request("/rest/message:send", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(weather))).build());
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals("alpha: rain?", JSON.readTree(rest.body()).at("/task/status/message/parts/0/text").asText());

        Files.writeString(agentx.home().resolve("config/io.agentx.router.cfg.json"), JSON.writeValueAsString(Map.of(
                "routes", List.of("skill=weather -> router-pair"))), StandardCharsets.UTF_8);
        JsonNode unrouted = null;
        for (int i = 0; i < 200; i++) {
            unrouted = rpc("/", "SendMessage", message("plain", null, null), "1.0");
            if (unrouted.has("error")) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(-32602, unrouted.at("/error/code").asInt(), unrouted.toString());
        assertTrue(unrouted.at("/error/message").asText().contains("no gateway route matches this message"),
                unrouted.toString());
        JsonNode card = JSON.readTree(agentx.get("/.well-known/agent-card.json", false).body());
        assertEquals("http://127.0.0.1:" + agentx.port() + "/", card.at("/supportedInterfaces/0/url").asText(), card.toString());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Sends requests to an agent in a loop until stopped, recording failures. */
    private static final class LoadLoop {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger succeeded = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Thread thread;

        LoadLoop(String agentId) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = send(agentId, "load");
                        if ("TASK_STATE_COMPLETED".equals(answer.at("/result/task/status/state").asText())) {
                            succeeded.incrementAndGet();
                        } else {
                            failures.add(answer.toString());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private static void configure(String name, Map<String, Object> properties) throws Exception {
        Path file = configFile(name);
        Path temporary = file.resolveSibling(name + ".tmp");
        Files.writeString(temporary, JSON.writeValueAsString(properties), StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path configFile(String name) {
        return agentx.home().resolve("config/io.agentx.router.remote~" + name + ".cfg.json");
    }

    private static void awaitAgent(String agentId, String contains) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = agentx.get("/api/v1/agents/" + agentId, true);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && response.body().contains(contains)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("agent " + agentId + " did not show '" + contains + "' within " + WAIT + ": " + last);
    }

    private static JsonNode agent(String agentId) throws Exception {
        return JSON.readTree(agentx.get("/api/v1/agents/" + agentId, true).body());
    }

    private static void awaitState(String taskId, String state) throws Exception {
        awaitState("/agents/streamer", taskId, state);
    }

    private static void awaitState(String path, String taskId, String state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = rpc(path, "GetTask", JSON.valueToTree(Map.of("id", taskId)), "1.0");
            if (state.equals(task.at("/result/status/state").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not become " + state + ": " + task);
    }

    private static Map<String, Integer> repliers(String agentId, int requests) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(replier(send(agentId, "hello")), 1, Integer::sum);
        }
        return counts;
    }

    /** The replica that answered: the prefix of the agent's reply text. */
    private static String replier(JsonNode answer) {
        String text = answer.at("/result/task/status/message/parts/0/text").asText();
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new AssertionError("not an answer of a remote replica: " + answer);
        }
        return text.substring(0, colon);
    }

    private static JsonNode send(String agentId, String text) throws Exception {
        return rpc("/agents/" + agentId, "SendMessage", message(text, null, null), "1.0");
    }

    private static ObjectNode message(String text, String taskId, String contextId) {
        ObjectNode message = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
        message.putArray("parts").addObject().put("text", text);
        if (taskId != null) {
            message.put("taskId", taskId);
        }
        if (contextId != null) {
            message.put("contextId", contextId);
        }
        ObjectNode params = JSON.createObjectNode();
        params.set("message", message);
        return params;
    }

    private static String envelope(String method, JsonNode params) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        request.set("params", params);
        return JSON.writeValueAsString(request);
    }

    private static JsonNode rpc(String path, String method, JsonNode params, String version) throws Exception {
        HttpRequest.Builder request = agentx.request(path, false).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(method, params)));
        if (version != null) {
            request.header("A2A-Version", version);
        }
        HttpResponse<String> response = agentx.send(request.build());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int port(RemoteAgentProcess process) {
        String url = process.cardUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.indexOf('/', url.lastIndexOf(':'))));
    }
}
