package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final Path SCRIPTS = PluginCalls.SCRIPTS;
    private static final Path REPOSITORY = SCRIPTS.resolve("../../../..").normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final String ROGUE_TOKEN = "rogue-token-for-tests";
    private static final String UNITS_EXTENSION = "https://example.com/ext/units/v1";
    private static final int MAX_TASKS_PER_PLUGIN = 6;
    private static AgentxProcess agentx;
    private static PluginCalls calls;
    private static int grpcPort;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/agentx-plugin")), "no node_modules in " + SCRIPTS
                + ": run `npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js` first");
        agentx = AgentxProcess.fresh();
        calls = new PluginCalls(agentx);
        grpcPort = AgentxProcess.freePort();
        Path config = agentx.home().resolve("config");
        Files.writeString(config.resolve("io.agentx.grpc.cfg.json"), JSON.writeValueAsString(Map.of("port", grpcPort,
                "pluginTokens", new String[] {ROGUE_TOKEN}, "resumeGraceMillis", 3000, "heartbeatIntervalMillis", 1000,
                "maxConcurrentTasksPerPlugin", MAX_TASKS_PER_PLUGIN)));
        Files.writeString(config.resolve("io.agentx.plugin~node-echo.cfg.json"), JSON.writeValueAsString(Map.of(
                "command", "node", "arguments", new String[] {SCRIPTS.resolve("echo-plugin.mjs").toString()},
                "workingDirectory", SCRIPTS.toString(), "initialBackoffMillis", 200)));
        Files.writeString(config.resolve("io.agentx.plugin~node-units.cfg.json"), JSON.writeValueAsString(Map.of(
                "command", "node", "arguments", new String[] {SCRIPTS.resolve("echo-plugin.mjs").toString()},
                "workingDirectory", SCRIPTS.toString(),
                "environment", new String[] {"AGENT_ID=node-units", "REQUIRED_EXTENSION=" + UNITS_EXTENSION})));
        Files.writeString(config.resolve("io.agentx.plugin~py-echo.cfg.json"), JSON.writeValueAsString(Map.of(
                "command", PYTHON, "arguments", new String[] {
                        REPOSITORY.resolve("distribution/src/test/plugins/echo_plugin.py").toString()},
                "environment", new String[] {"PYTHONPATH=" + REPOSITORY.resolve("sdks/python")})));
        agentx.start();
        calls.awaitPlugin("node-echo", plugin -> plugin.path("connected").asBoolean());
        calls.awaitPlugin("py-echo", plugin -> plugin.path("connected").asBoolean());
        calls.awaitPlugin("node-units", plugin -> plugin.path("connected").asBoolean());
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
        PluginCalls.Script run = calls.node("a2a-e2e.mjs", Map.of("BASE_URL", "http://127.0.0.1:" + agentx.port() + "/agents/" + agentId + "/",
                "MODE", "1.0", "BINDING", binding, "ADMIN_PASSWORD", AgentxProcess.PASSWORD));
        assertEquals(0, run.exit(), "a2a-e2e.mjs against plugin agent " + agentId + " over " + binding + ":\n" + run.output());
    }

    /**
     * A plugin agent whose card requires an A2A extension: its card lists it, a message that does not activate it is
     * refused with ExtensionSupportRequired on every binding (JSON-RPC -32008 in an HTTP 200, HTTP+JSON 400, gRPC
     * FAILED_PRECONDITION with its ErrorInfo reason), and one that asks for it reaches the agent with the extensions
     * it asked for.
     */
    @Order(2)
    @Test
    void aPluginAgentRequiringAnExtensionIsServedOnlyToClientsThatAskForIt() throws Exception {
        JsonNode card = JSON.readTree(agentx.get("/agents/node-units/.well-known/agent-card.json", false).body());
        JsonNode extension = card.at("/capabilities/extensions/0");
        assertEquals(UNITS_EXTENSION, extension.path("uri").asText(), card.toString());
        assertTrue(extension.path("required").asBoolean(), card.toString());

        JsonNode refused = calls.send("node-units", "extensions");
        assertEquals(-32008, refused.at("/error/code").asInt(), refused.toString());
        assertTrue(refused.at("/error/message").asText().contains(UNITS_EXTENSION), refused.toString());

        byte[] body = JSON.writeValueAsBytes(Map.of("message", PluginCalls.message("extensions")));
        java.net.http.HttpResponse<String> rest = agentx.send(agentx.request("/agents/node-units/rest/message:send", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(400, rest.statusCode(), rest.body());
        assertTrue(rest.body().contains("EXTENSION_SUPPORT_REQUIRED") && rest.body().contains(UNITS_EXTENSION), rest.body());

        java.net.http.HttpResponse<String> asked = agentx.send(agentx.request("/agents/node-units/rest/message:send", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .header("A2A-Extensions", "https://example.com/ext/other/v1, " + UNITS_EXTENSION)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(200, asked.statusCode(), asked.body());
        assertEquals("requested: https://example.com/ext/other/v1," + UNITS_EXTENSION,
                JSON.readTree(asked.body()).at("/task/status/message/parts/0/text").asText(), asked.body());

        JsonNode grpc = JSON.readTree(calls.node("grpc-metadata.mjs", Map.of("GRPC_TARGET", "127.0.0.1:" + grpcPort,
                "EXTENSION_AGENT", "node-units", "EXTENSION_URI", UNITS_EXTENSION)).output());
        assertEquals(9, grpc.at("/missing/code").asInt(), "FAILED_PRECONDITION: " + grpc);
        assertEquals("EXTENSION_SUPPORT_REQUIRED", grpc.at("/missing/reason").asText(), grpc.toString());
        assertEquals("TASK_STATE_COMPLETED", grpc.at("/requested/state").asText(), grpc.toString());
        assertEquals("requested: " + UNITS_EXTENSION, grpc.at("/requested/text").asText(), grpc.toString());
    }

    @Order(3)
    @Test
    void aPluginKilledMidTaskFailsTheTaskClearlyAndIsRestarted() throws Exception {
        String taskId = calls.sendAndReturn("node-echo", "wait for me");
        long pid = calls.awaitPlugin("node-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        JsonNode task = calls.awaitTask("node-echo", taskId, t -> t.at("/status/state").asText().equals("TASK_STATE_FAILED"));
        String reason = task.at("/status/message/parts/0/text").asText();
        assertTrue(reason.contains("plugin 'node-echo'") && reason.contains("did not resume"), reason);

        JsonNode plugin = calls.awaitPlugin("node-echo", p -> p.path("restarts").asInt() >= 1 && p.path("connected").asBoolean());
        assertEquals("killed by signal 9", plugin.path("lastError").asText(), plugin.toString());
        assertTrue(plugin.path("pid").asLong() != pid, "a new process: " + plugin);
        assertEquals("node-echo", plugin.at("/agents/0").asText(), "the agents it serves: " + plugin);
        String console = agentx.console();
        assertTrue(console.contains("[node-echo] restarting in 200 ms"), "after initialBackoffMillis:\n" + console);
        assertTrue(java.util.regex.Pattern.compile("\\[node-echo\\] .*connected to the kernel at").matcher(console).find(),
                "the plugin's own output, under its name:\n" + console);
        assertEquals("TASK_STATE_COMPLETED", calls.send("node-echo", "back again").at("/result/task/status/state").asText());
    }

    @Order(4)
    @Test
    void aMisbehavingPluginIsRefusedWhileTheOthersKeepServing() throws Exception {
        Map<String, String> kernel = Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + grpcPort, "AGENTX_PLUGIN_TOKEN", ROGUE_TOKEN);
        JsonNode badToken = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "bad-token")).output());
        assertEquals(16, badToken.path("status").asInt(), "UNAUTHENTICATED: " + badToken);
        assertTrue(badToken.path("details").asText().contains("plugin token is not valid"), badToken.toString());

        JsonNode garbage = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "garbage")).output());
        assertEquals(3, garbage.path("status").asInt(), "INVALID_ARGUMENT: " + garbage);
        assertTrue(garbage.path("details").asText().contains("is not an agentx.plugin.v1.PluginMessage"), garbage.toString());

        JsonNode impostor = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "impostor")).output());
        assertEquals(7, impostor.path("status").asInt(), "PERMISSION_DENIED: " + impostor);
        assertTrue(impostor.path("details").asText().contains("'node-echo' is the name of a plugin AgentX starts"),
                impostor.toString());

        JsonNode oversized = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "oversized")).output());
        assertEquals(8, oversized.path("status").asInt(), "RESOURCE_EXHAUSTED: " + oversized);

        JsonNode taken = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "taken")).output());
        assertEquals(6, taken.path("status").asInt(), "ALREADY_EXISTS: " + taken);
        assertTrue(taken.path("details").asText().contains("'py-echo' is already served by plugin 'py-echo'"), taken.toString());

        JsonNode twice = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "twice")).output());
        assertEquals(3, twice.path("status").asInt(), "INVALID_ARGUMENT: " + twice);
        assertTrue(twice.path("details").asText().contains("'rogue' is registered twice"), twice.toString());

        JsonNode noHello = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "no-hello")).output());
        assertEquals(3, noHello.path("status").asInt(), "INVALID_ARGUMENT: " + noHello);
        assertTrue(noHello.path("details").asText().contains("must be a Hello"), noHello.toString());

        JsonNode unknownTask = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "unknown-task")).output());
        assertEquals("UNKNOWN_TASK", unknownTask.at("/error/code").asText(), unknownTask.toString());
        assertEquals("no-one-has-this-task", unknownTask.at("/error/taskId").asText(), unknownTask.toString());

        JsonNode helloAgain = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "hello-again")).output());
        assertEquals("UNEXPECTED_HELLO", helloAgain.at("/error/code").asText(), helloAgain.toString());

        String othersTask = calls.sendAndReturn("py-echo", "wait while someone meddles");
        JsonNode steal = JSON.readTree(calls.node("rogue-plugin.mjs", PluginCalls.with(kernel, "MODE", "steal", "TASK_ID", othersTask)).output());
        assertEquals("TASK_NOT_OWNED", steal.at("/error/code").asText(), steal.toString());
        assertEquals("TASK_STATE_WORKING", calls.get("py-echo", othersTask).at("/status/state").asText(),
                "the other plugin's task is untouched");

        assertEquals("TASK_STATE_COMPLETED", calls.send("py-echo", "still here").at("/result/task/status/state").asText());
        assertEquals("TASK_STATE_COMPLETED", calls.send("node-echo", "me too").at("/result/task/status/state").asText());
        calls.rpc("py-echo", "CancelTask", Map.of("id", othersTask));
    }

    /**
     * A plugin that stops reading what AgentX sends, while flooding it with events that each call for an answer, is
     * held back (AgentX stops reading it too instead of queueing answers without bound) and handed no task, then
     * disconnected after three heartbeat intervals (1 s here) although its process is still there; the other
     * plugins keep serving.
     */
    @Order(5)
    @Test
    void aPluginThatStopsReadingIsHeldBackThenDisconnectedWhileTheOthersKeepServing() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPTS.resolve("rogue-plugin.mjs").toString())
                .directory(SCRIPTS.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + grpcPort,
                "AGENTX_PLUGIN_TOKEN", ROGUE_TOKEN, "MODE", "deaf"));
        Process deaf = builder.start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(deaf.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            JsonNode flood = JSON.readTree(line);
            assertTrue(flood.path("heldBack").asBoolean(), "the flood is held back: " + flood);
            JsonNode refused = calls.send("rogue", "are you there?");
            assertEquals(-32050, refused.at("/error/code").asInt(), "AGENT_UNAVAILABLE: " + refused);
            assertTrue(refused.at("/error/message").asText().contains("has not read what AgentX sent it"),
                    refused.toString());
            assertEquals("TASK_STATE_COMPLETED", calls.send("node-echo", "unaffected").at("/result/task/status/state")
                    .asText());
            String gone = agentx.awaitOutput("has read nothing AgentX sent it for", Duration.ofSeconds(10));
            assertTrue(gone.contains("a plugin must keep reading its stream"), gone);
            awaitStatus("/api/v1/plugins/rogue", true, 404);
            assertTrue(deaf.isAlive(), "AgentX ended the session; the plugin did not go by itself");
            assertEquals("TASK_STATE_COMPLETED", calls.send("py-echo", "still serving").at("/result/task/status/state")
                    .asText());
        } finally {
            deaf.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A plugin whose stream breaks may come back within resumeGraceMillis (3 s here): meanwhile its agent is
     * unavailable (AGENT_UNAVAILABLE), not unknown; once the grace is over without it, the agent is gone.
     */
    @Order(6)
    @Test
    void aDisconnectedPluginsAgentIsUnavailableDuringTheGraceThenGone() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPTS.resolve("echo-plugin.mjs").toString())
                .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + grpcPort,
                "AGENTX_PLUGIN_TOKEN", ROGUE_TOKEN, "AGENT_ID", "hand-echo"));
        Process hand = builder.start(); // started by hand: no supervisor brings it back
        try {
            calls.awaitPlugin("hand-echo", plugin -> plugin.path("connected").asBoolean());
            assertEquals("TASK_STATE_COMPLETED", calls.send("hand-echo", "hi").at("/result/task/status/state").asText());
        } finally {
            hand.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // its stream breaks: it might reconnect
        }
        awaitStatus("/api/v1/plugins/hand-echo", true, 404); // the session is over

        JsonNode meanwhile = calls.send("hand-echo", "anyone there?");
        assertEquals(-32050, meanwhile.at("/error/code").asInt(), "AGENT_UNAVAILABLE during the grace: " + meanwhile);
        assertTrue(meanwhile.at("/error/message").asText().contains("disconnected"), meanwhile.toString());

        awaitStatus("/agents/hand-echo/.well-known/agent-card.json", false, 404); // the grace is over: gone
    }

    /**
     * A plugin's connection to AgentX, through a proxy: broken and back within the grace, the plugin resumes its
     * session and its task goes on; silent for three heartbeat intervals (nothing passes,
     * nothing is closed), AgentX ends the session, and the plugin comes back once the network does.
     */
    @Order(7)
    @Test
    void aPluginResumesItsTasksAfterABrokenConnectionAndASilentOneIsEndedByHeartbeats() throws Exception {
        try (TcpProxy network = new TcpProxy("127.0.0.1", grpcPort)) {
            ProcessBuilder builder = new ProcessBuilder("node", SCRIPTS.resolve("echo-plugin.mjs").toString())
                    .directory(SCRIPTS.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + network.port(),
                    "AGENTX_PLUGIN_TOKEN", ROGUE_TOKEN, "AGENT_ID", "far-echo"));
            Process far = builder.start();
            try {
                calls.awaitPlugin("far-echo", plugin -> plugin.path("connected").asBoolean());
                String waiting = calls.sendAndReturn("far-echo", "wait for a cancel");

                network.cut();
                agentx.awaitOutput("Plugin 'far-echo' (session", Duration.ofSeconds(10));
                Thread.sleep(300);
                network.restore();
                String resumed = agentx.awaitOutput("Plugin 'far-echo' resumed session", Duration.ofSeconds(10));
                assertTrue(resumed.contains("with 1 task(s) in flight"), resumed);
                assertEquals("TASK_STATE_WORKING", calls.get("far-echo", waiting).at("/status/state").asText(),
                        "the task outlived the broken connection");
                calls.rpc("far-echo", "CancelTask", Map.of("id", waiting));
                assertEquals("TASK_STATE_CANCELED", calls.get("far-echo", waiting).at("/status/state").asText());
                assertFalse(agentx.console().contains("did not answer the cancellation of task " + waiting),
                        "the resumed session's plugin confirmed the cancellation itself");

                network.hold();
                agentx.awaitOutput("no message from plugin 'far-echo' for", Duration.ofSeconds(15));
                network.release();
                calls.awaitPlugin("far-echo", plugin -> plugin.path("connected").asBoolean());
                assertEquals("TASK_STATE_COMPLETED", calls.send("far-echo", "back").at("/result/task/status/state")
                        .asText());
            } finally {
                far.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitStatus(String path, boolean admin, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = 0;
        while (System.nanoTime() < deadline && (last = agentx.get(path, admin).statusCode()) != status) {
            Thread.sleep(20);
        }
        assertEquals(status, last, path);
    }

    /**
     * A plugin that takes tasks and never finishes them, nor answers cancellations: once it works on
     * {@code maxConcurrentTasksPerPlugin} tasks the next message is refused at once with AGENT_UNAVAILABLE saying it
     * is busy (not queued, not hung); a cancellation it does not confirm ends the task after {@code cancelTimeoutMillis}
     * (5 s by default) anyway, which frees a place for the next task.
     */
    @Order(8)
    @Test
    void aBusyPluginRefusesTasksBeyondItsLimitAndACancellationItIgnoresStillEndsTheTask() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "rogue-plugin.mjs").directory(SCRIPTS.toFile())
                .redirectErrorStream(true).redirectOutput(agentx.home().resolve("stubborn.txt").toFile());
        builder.environment().putAll(Map.of("AGENTX_PLUGIN_URL", "127.0.0.1:" + grpcPort, "AGENTX_PLUGIN_TOKEN",
                ROGUE_TOKEN, "MODE", "stubborn"));
        Process stubborn = builder.start();
        try {
            awaitStatus("/agents/stubborn/.well-known/agent-card.json", false, 200);
            List<String> taken = new java.util.ArrayList<>();
            for (int i = 0; i < MAX_TASKS_PER_PLUGIN; i++) {
                taken.add(calls.sendAndReturn("stubborn", "task " + i));
            }

            JsonNode refused = calls.send("stubborn", "one too many");
            assertEquals(-32050, refused.at("/error/code").asInt(), "AGENT_UNAVAILABLE: " + refused);
            assertTrue(refused.at("/error/message").asText().contains("is busy: it already works on "
                    + MAX_TASKS_PER_PLUGIN + " tasks"), refused.toString());

            JsonNode canceled = calls.rpc("stubborn", "CancelTask", Map.of("id", taken.get(0)));
            assertEquals("TASK_STATE_CANCELED", canceled.at("/result/status/state").asText(), canceled.toString());
            assertTrue(agentx.console().contains("Plugin 'stubborn' did not answer the cancellation of task " + taken.get(0)
                    + " within 5000 ms"), agentx.console());
            calls.sendAndReturn("stubborn", "a place is free again"); // waits for it to be WORKING
        } finally {
            stubborn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Order(9)
    @Test
    void removingAPluginConfigurationStopsItsProcess() throws Exception {
        long pid = calls.awaitPlugin("py-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
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

    @Order(10)
    @Test
    void stoppingAgentxStopsThePluginProcesses() throws Exception {
        long pid = calls.awaitPlugin("node-echo", plugin -> plugin.path("pid").isNumber()).path("pid").asLong();
        assertEquals(0, agentx.terminate());
        ProcessHandle plugin = ProcessHandle.of(pid).orElse(null);
        assertTrue(plugin == null || plugin.onExit().get(10, TimeUnit.SECONDS) != null);
        assertFalse(plugin != null && plugin.isAlive(), "node-echo's process " + pid + " outlived AgentX");
    }

    /** No orphans even when AgentX cannot stop its plugins: killed, its plugins see their stdin end and exit. */
    @Order(11)
    @Test
    void aKilledAgentxLeavesNoPluginProcessBehind() throws Exception {
        Files.writeString(agentx.home().resolve("config/io.agentx.plugin~py-echo.cfg.json"), JSON.writeValueAsString(
                Map.of("command", PYTHON, "arguments", new String[] {
                        REPOSITORY.resolve("distribution/src/test/plugins/echo_plugin.py").toString()},
                        "environment", new String[] {"PYTHONPATH=" + REPOSITORY.resolve("sdks/python")})));
        agentx.start();
        List<ProcessHandle> plugins = new java.util.ArrayList<>();
        for (String name : List.of("node-echo", "py-echo", "node-units")) {
            long pid = calls.awaitPlugin(name, plugin -> plugin.path("connected").asBoolean()).path("pid").asLong();
            plugins.add(ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " runs no process")));
        }

        agentx.kill(); // SIGKILL: no shutdown hook, nothing stops the plugins

        for (ProcessHandle plugin : plugins) {
            try {
                plugin.onExit().get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                plugin.destroyForcibly();
                throw new AssertionError("plugin process " + plugin.pid() + " outlived the killed AgentX by 15 s");
            }
        }
    }
}
