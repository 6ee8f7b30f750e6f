package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Out-of-process agents end to end: a Node plugin (agentx-plugin SDK) and a Python plugin (agentx_plugin SDK),
 * started by AgentX's plugin supervisor from configuration files, called by the real {@code @a2a-js/sdk} client over
 * JSON-RPC and gRPC; a plugin killed with SIGKILL mid-task (the task fails clearly, the plugin is restarted and
 * serves again); a misbehaving plugin refused while the others keep serving; a removed configuration and a stopped
 * kernel leave no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();
    private static final Path REPOSITORY = SCRIPTS.resolve("../../../..").normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final String ROGUE_TOKEN = "rogue-token-for-tests";
    private static AgentxProcess agentx;
    private static int grpcPort;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/agentx-plugin")), "no node_modules in " + SCRIPTS
                + ": run `npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js` first");
        agentx = AgentxProcess.fresh();
        grpcPort = AgentxProcess.freePort();
        Path config = agentx.home().resolve("config");
        Files.writeString(config.resolve("io.agentx.grpc.cfg.json"), JSON.writeValueAsString(Map.of("port", grpcPort,
                "pluginTokens", new String[] {ROGUE_TOKEN}, "resumeGraceMillis", 1000, "heartbeatIntervalMillis", 1000)));
        Files.writeString(config.resolve("io.agentx.plugin~node-echo.cfg.json"), JSON.writeValueAsString(Map.of(
                "command", "node", "arguments", new String[] {SCRIPTS.resolve("echo-plugin.mjs").toString()},
                "workingDirectory", SCRIPTS.toString(), "initialBackoffMillis", 200)));
        Files.writeString(config.resolve("io.agentx.plugin~py-echo.cfg.json"), JSON.writeValueAsString(Map.of(
                "command", PYTHON, "arguments", new String[] {
                        REPOSITORY.resolve("distribution/src/test/plugins/echo_plugin.py").toString()},
                "environment", new String[] {"PYTHONPATH=" + REPOSITORY.resolve("sdks/python")})));
        agentx.start();
        awaitPlugin("node-echo", plugin -> plugin.path("connected").asBoolean());
        awaitPlugin("py-echo", plugin -> plugin.path("connected").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentx != null) {
            agentx.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"node-echo, JSONRPC", "node-echo, GRPC", "py-echo, JSONRPC", "py-echo, GRPC"})
    void theA2aJsClientPassesEveryCheckAgainstAPluginAgent(String agentId, String binding) throws Exception {
        Script run = node("a2a-e2e.mjs", Map.of("BASE_URL", "http://127.0.0.1:" + agentx.port() + "/agents/" + agentId + "/",
                "MODE", "1.0", "BINDING", binding, "ADMIN_PASSWORD", AgentxProcess.PASSWORD));
        assertEquals(0, run.exit(), "a2a-e2e.mjs against plugin agent " + agentId + " over " + binding + ":\n" + run.output());
    }

    @Order(2)
    @Test
    void aPluginKilledMidTaskFailsTheTaskClearlyAndIsRestarted() throws Exception {
        String taskId = sendAndReturn("node-echo", "wait for me");
        long pid = awaitPlugin("node-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        JsonNode task = awaitTask("node-echo", taskId, t -> t.at("/status/state").asText().equals("TASK_STATE_FAILED"));
        String reason = task.at("/status/message/parts/0/text").asText();
        assertTrue(reason.contains("plugin 'node-echo'") && reason.contains("did not resume"), reason);

        JsonNode plugin = awaitPlugin("node-echo", p -> p.path("restarts").asInt() >= 1 && p.path("connected").asBoolean());
        assertEquals("killed by signal 9", plugin.path("lastError").asText(), plugin.toString());
        assertTrue(plugin.path("pid").asLong() != pid, "a new process: " + plugin);
        assertEquals("TASK_STATE_COMPLETED", send("node-echo", "back again").at("/result/task/status/state").asText());
    }

    @Order(3)
    @Test
    void aMisbehavingPluginIsRefusedWhileTheOthersKeepServing() throws Exception {
        Map<String, String> kernel = Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + grpcPort, "AGENTX_PLUGIN_TOKEN", ROGUE_TOKEN);
        JsonNode badToken = JSON.readTree(node("rogue-plugin.mjs", with(kernel, "MODE", "bad-token")).output());
        assertEquals(16, badToken.path("status").asInt(), "UNAUTHENTICATED: " + badToken);
        assertTrue(badToken.path("details").asText().contains("plugin token is not valid"), badToken.toString());

        JsonNode garbage = JSON.readTree(node("rogue-plugin.mjs", with(kernel, "MODE", "garbage")).output());
        assertEquals(3, garbage.path("status").asInt(), "INVALID_ARGUMENT: " + garbage);
        assertTrue(garbage.path("details").asText().contains("is not an agentx.plugin.v1.PluginMessage"), garbage.toString());

        JsonNode oversized = JSON.readTree(node("rogue-plugin.mjs", with(kernel, "MODE", "oversized")).output());
        assertEquals(8, oversized.path("status").asInt(), "RESOURCE_EXHAUSTED: " + oversized);

        String othersTask = sendAndReturn("py-echo", "wait while someone meddles");
        JsonNode steal = JSON.readTree(node("rogue-plugin.mjs", with(kernel, "MODE", "steal", "TASK_ID", othersTask)).output());
        assertEquals("TASK_NOT_OWNED", steal.at("/error/code").asText(), steal.toString());
        assertEquals("TASK_STATE_WORKING", get("py-echo", othersTask).at("/status/state").asText(),
                "the other plugin's task is untouched");

        assertEquals("TASK_STATE_COMPLETED", send("py-echo", "still here").at("/result/task/status/state").asText());
        assertEquals("TASK_STATE_COMPLETED", send("node-echo", "me too").at("/result/task/status/state").asText());
        rpc("py-echo", "CancelTask", Map.of("id", othersTask));
    }

    @Order(4)
    @Test
    void removingAPluginConfigurationStopsItsProcess() throws Exception {
        long pid = awaitPlugin("py-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
        Files.delete(agentx.home().resolve("config/io.agentx.plugin~py-echo.cfg.json"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                || agentx.get("/api/v1/plugins/py-echo", true).statusCode() != 404)) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "py-echo's process " + pid + " still runs");
        assertEquals(404, agentx.get("/api/v1/plugins/py-echo", true).statusCode());
        assertEquals(404, agentx.get("/agents/py-echo/.well-known/agent-card.json", false).statusCode());
    }

    @Order(5)
    @Test
    void stoppingAgentxStopsThePluginProcesses() throws Exception {
        long pid = awaitPlugin("node-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
        assertEquals(0, agentx.terminate());
        ProcessHandle plugin = ProcessHandle.of(pid).orElse(null);
        assertTrue(plugin == null || plugin.onExit().get(10, TimeUnit.SECONDS) != null);
        assertFalse(plugin != null && plugin.isAlive(), "node-echo's process " + pid + " outlived AgentX");
    }

    private static JsonNode awaitPlugin(String name, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = agentx.get("/api/v1/plugins/" + name, true);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && condition.test(JSON.readTree(response.body()))) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("plugin " + name + " did not reach the expected state; last: " + last + "\n" + agentx.console());
    }

    private static JsonNode awaitTask(String agentId, String taskId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            // while a plugin restarts its agent is away and its path answers 404: ask again
            HttpResponse<String> response = post(agentId, "GetTask", Map.of("id", taskId));
            task = JSON.readTree(response.body()).path("result");
            if (response.statusCode() == 200 && condition.test(task)) {
                return task;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " did not reach the expected state: " + task);
    }

    private static String sendAndReturn(String agentId, String text) throws Exception {
        JsonNode answer = rpc(agentId, "SendMessage", Map.of("message", message(text),
                "configuration", Map.of("returnImmediately", true)));
        String taskId = answer.at("/result/task/id").asText();
        awaitTask(agentId, taskId, t -> t.at("/status/state").asText().equals("TASK_STATE_WORKING"));
        return taskId;
    }

    private static JsonNode send(String agentId, String text) throws Exception {
        return rpc(agentId, "SendMessage", Map.of("message", message(text)));
    }

    private static JsonNode get(String agentId, String taskId) throws Exception {
        return rpc(agentId, "GetTask", Map.of("id", taskId)).path("result");
    }

    private static Map<String, Object> message(String text) {
        return Map.of("messageId", java.util.UUID.randomUUID().toString(), "role", "ROLE_USER",
                "parts", new Object[] {Map.of("text", text)});
    }

    private static JsonNode rpc(String agentId, String method, Map<String, Object> params) throws Exception {
        HttpResponse<String> response = post(agentId, method, params);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String agentId, String method, Map<String, Object> params) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        return agentx.send(agentx.request("/agents/" + agentId, false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private record Script(int exit, String output) {
    }

    private static Script node(String script, Map<String, String> environment) throws Exception {
        Path output = Files.createTempFile(agentx.home(), "node-", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(SCRIPTS.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("API_KEY", AgentxProcess.API_KEY);
        builder.environment().putAll(environment);
        Process node = builder.start();
        if (!node.waitFor(150, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(script + " did not finish:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Script(node.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
    }
}
