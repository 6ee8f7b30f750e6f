package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Agents of three frameworks, from the real npm packages with offline fake models, each started by AgentX's plugin
 * supervisor from a configuration that names only the framework and the script (src/test/js/frameworks): a
 * LangChain.js, a LangGraph.js and a Mastra agent called by the real {@code @a2a-js/sdk} client, the
 * cross-framework conversation LangChain.js → LangGraph.js → Mastra with what each side saw in its own message
 * form, and a framework adapter uninstalled while its agent works (the task fails naming the adapter, the other
 * frameworks' agents keep serving) and installed again (service comes back); and an agent of Mastra's own A2A
 * server registered as a remote agent from the server's base URL (the Mastra adapter knows the card's path); and a
 * Python agent with AutoGen's interface (distribution/src/test/plugins, AutoGen itself is not installable here) run
 * with python3 as the AutoGen adapter says, given the history as AgentChat messages by the Java adapter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrameworkAgentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FRAMEWORKS = PluginCalls.SCRIPTS.resolve("frameworks");
    private static final Path REPOSITORY = PluginCalls.SCRIPTS.resolve("../../../..").normalize();
    private static final Path PLUGINS = REPOSITORY.resolve("distribution/src/test/plugins");
    private static AgentxProcess agentx;
    private static PluginCalls calls;
    private static Path record;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isDirectory(PluginCalls.SCRIPTS.resolve("node_modules/@langchain/langgraph")),
                "run `npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js` first");
        agentx = AgentxProcess.fresh().env("AGENTX_PYTHON", "/usr/bin/python3"); // Debian's, with grpcio
        calls = new PluginCalls(agentx);
        record = agentx.home().resolve("frameworks-seen.jsonl");
        Path config = agentx.home().resolve("config");
        Files.writeString(config.resolve("io.agentx.grpc.cfg.json"), JSON.writeValueAsString(Map.of(
                "port", AgentxProcess.freePort())));
        for (String framework : List.of("langchain", "langgraph", "mastra")) {
            Files.writeString(config.resolve("io.agentx.plugin~" + framework + "-agents.cfg.json"),
                    JSON.writeValueAsString(Map.of("framework", framework,
                            "script", FRAMEWORKS.resolve(framework + "-agents.mjs").toString(),
                            "workingDirectory", FRAMEWORKS.toString(),
                            "environment", new String[] {"RECORD_FILE=" + record, "API_KEY=" + AgentxProcess.API_KEY,
                                    "AGENTX_URL=http://127.0.0.1:" + agentx.port()})));
        }
        Files.writeString(config.resolve("io.agentx.plugin~autogen-agents.cfg.json"), JSON.writeValueAsString(Map.of(
                "framework", "autogen", "script", PLUGINS.resolve("autogen_agents.py").toString(),
                "environment", new String[] {"PYTHONPATH=" + REPOSITORY.resolve("sdks/python"), "RECORD_FILE=" + record})));
        agentx.start();
        JsonNode autogen = calls.awaitPlugin("autogen-agents", p -> p.path("connected").asBoolean());
        assertEquals("/usr/bin/python3", autogen.path("command").asText(), "the autogen adapter says how: " + autogen);
        for (String framework : List.of("langchain", "langgraph", "mastra")) {
            JsonNode plugin = calls.awaitPlugin(framework + "-agents", p -> p.path("connected").asBoolean());
            assertEquals("node", plugin.path("command").asText(), "the " + framework + " adapter says how: " + plugin);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentx != null) {
            agentx.close();
        }
    }

    @Order(1)
    @Test
    void eachFrameworksAgentAnswersTheA2aJsClientAndTheyTalkToEachOtherEachInItsOwnDialect() throws Exception {
        PluginCalls.Script run = calls.node("frameworks/frameworks-e2e.mjs", Map.of(
                "AGENTX_URL", "http://127.0.0.1:" + agentx.port(), "RECORD_FILE", record.toString()));
        assertEquals(0, run.exit(), "frameworks-e2e.mjs:\n" + run.output() + "\n" + agentx.console());
        JsonNode summary = JSON.readTree(run.output().lines().reduce((first, second) -> second).orElse("{}"));
        assertEquals(18, summary.path("checks").asInt(), run.output());
        assertEquals("LangGraph answered: Mastra says: Sunny and 24 degrees in Lyon.", summary.path("delegated").asText());
    }

    @Order(2)
    @Test
    void uninstallingAnAdapterFailsItsAgentsTaskClearlyAndLeavesTheOthersServingUntilItIsBack() throws Exception {
        long adapter = bundleId("io.agentx.adapter.langchain");
        byte[] jar = Files.readAllBytes(adapterJar("langchain"));
        String slow = calls.rpc("lc-slow", "SendMessage", Map.of("message", PluginCalls.message("take your time"),
                "configuration", Map.of("returnImmediately", true))).at("/result/task/id").asText();
        calls.awaitTask("lc-slow", slow, task -> task.path("artifacts").size() > 0);

        AtomicBoolean traffic = new AtomicBoolean(true);
        ExecutorService others = Executors.newSingleThreadExecutor();
        Future<List<String>> otherStates = others.submit(() -> {
            List<String> states = new ArrayList<>();
            while (traffic.get()) {
                states.add(calls.send("mastra-weather", "Weather in Lyon?").at("/result/task/status/state").asText());
            }
            return states;
        });
        try {
            Thread.sleep(300);
            HttpResponse<String> uninstalled = agentx.send("DELETE", "/api/v1/bundles/" + adapter, "text/plain", new byte[0]);
            assertEquals(204, uninstalled.statusCode(), uninstalled.body());

            assertEquals(404, agentx.get("/agents/lc-poet/.well-known/agent-card.json", false).statusCode(),
                    "LangChain agents are not served without their adapter");
            JsonNode waiting = calls.awaitPlugin("langchain-agents", p -> p.path("state").asText().equals("WAITING_FOR_ADAPTER"));
            assertTrue(waiting.path("lastError").asText().contains("waits for the 'langchain' framework adapter"),
                    waiting.toString());
            Thread.sleep(300);
        } finally {
            traffic.set(false);
        }
        List<String> states = otherStates.get();
        others.shutdown();
        assertTrue(states.size() >= 2, "the Mastra agent was called meanwhile: " + states);
        assertTrue(states.stream().allMatch("TASK_STATE_COMPLETED"::equals), "the Mastra agent kept serving: " + states);

        HttpResponse<String> installed = agentx.send("POST", "/api/v1/bundles", "application/java-archive", jar);
        assertEquals(201, installed.statusCode(), installed.body());
        calls.awaitPlugin("langchain-agents", p -> p.path("connected").asBoolean());
        assertEquals("TASK_STATE_COMPLETED", calls.send("lc-poet", "Back?").at("/result/task/status/state").asText());
        JsonNode failed = calls.awaitTask("lc-slow", slow, t -> t.at("/status/state").asText().equals("TASK_STATE_FAILED"));
        String reason = failed.at("/status/message/parts/0/text").asText();
        assertTrue(reason.contains("the 'langchain' framework adapter was uninstalled or stopped while agent 'lc-slow' "
                + "worked on the task"), reason);
    }

    @Order(3)
    @Test
    void aMastraServersOwnA2aAgentIsRegisteredFromItsBaseUrlAndCalledThroughAgentx() throws Exception {
        Process mastra = new ProcessBuilder("node", FRAMEWORKS.resolve("mastra-a2a-server.mjs").toString())
                .directory(FRAMEWORKS.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(mastra.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            int port = JSON.readTree(first).path("port").asInt();
            Files.writeString(agentx.home().resolve("config/io.agentx.router.remote~mastra-native.cfg.json"),
                    JSON.writeValueAsString(Map.of("agentId", "mastra-native", "framework", "mastra",
                            "baseUrls", new String[] {"http://127.0.0.1:" + port}, "remoteAgentName", "weatherAgent")));
            awaitHealthy("mastra-native");

            JsonNode response = calls.send("mastra-native", "Weather in Lyon?");
            JsonNode answer = response.path("result");
            assertEquals("TASK_STATE_COMPLETED", answer.at("/task/status/state").asText(), response.toString());
            assertEquals("Sunny and 24 degrees in Lyon.", answer.at("/task/status/message/parts/0/text").asText(),
                    "Mastra's own A2A server answered (A2A 0.3, translated to 1.0 by AgentX): " + answer);
        } finally {
            mastra.destroy();
        }
    }

    @Order(4)
    @Test
    void aPythonAutoGenAgentGetsTheHistoryAsAgentChatMessagesFromTheAdapter() throws Exception {
        JsonNode answer = calls.send("py-autogen", "Is it sunny in Lyon?").path("result");
        assertEquals("TASK_STATE_COMPLETED", answer.at("/task/status/state").asText(), answer.toString());
        assertEquals("AutoGen saw: user: Is it sunny in Lyon?", answer.at("/task/artifacts/0/parts/0/text").asText(),
                answer.toString());
        JsonNode seen = null;
        for (String line : Files.readAllLines(record)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("agent").asText().equals("py-autogen")) {
                seen = entry.path("messages");
            }
        }
        assertTrue(seen != null && seen.size() == 1, "what the AutoGen agent was given: " + seen);
        assertEquals("TextMessage", seen.at("/0/type").asText(), "AgentChat's message type: " + seen);
        assertEquals("user", seen.at("/0/source").asText(), seen.toString());
        assertEquals("Is it sunny in Lyon?", seen.at("/0/content").asText(), seen.toString());
    }

    private static void awaitHealthy(String agentId) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> agent = agentx.get("/api/v1/agents/" + agentId, true);
            last = agent.statusCode() + " " + agent.body();
            if (agent.statusCode() == 200 && agent.body().contains("\"healthyReplicas\":1")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("remote agent " + agentId + " did not become healthy; last: " + last);
    }

    private static long bundleId(String symbolicName) throws Exception {
        for (JsonNode bundle : JSON.readTree(agentx.get("/api/v1/bundles", true).body())) {
            if (symbolicName.equals(bundle.path("symbolicName").asText())) {
                return bundle.path("id").asLong();
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static Path adapterJar(String framework) throws Exception {
        try (var jars = Files.list(agentx.home().resolve("bundles"))) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("agentx-adapter." + framework + "-"))
                    .findFirst().orElseThrow();
        }
    }
}
