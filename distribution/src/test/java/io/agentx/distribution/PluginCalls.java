package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Calls the plugin tests make: the plugins API, A2A JSON-RPC to an agent, and Node scripts of src/test/js. */
final class PluginCalls {
    static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentxProcess agentx;

    PluginCalls(AgentxProcess agentx) {
        this.agentx = agentx;
    }

    JsonNode awaitPlugin(String name, Predicate<JsonNode> condition) throws Exception {
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

    JsonNode awaitTask(String agentId, String taskId, Predicate<JsonNode> condition) throws Exception {
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

    String sendAndReturn(String agentId, String text) throws Exception {
        JsonNode answer = rpc(agentId, "SendMessage", Map.of("message", message(text),
                "configuration", Map.of("returnImmediately", true)));
        String taskId = answer.at("/result/task/id").asText();
        awaitTask(agentId, taskId, t -> t.at("/status/state").asText().equals("TASK_STATE_WORKING"));
        return taskId;
    }

    JsonNode send(String agentId, String text) throws Exception {
        return rpc(agentId, "SendMessage", Map.of("message", message(text)));
    }

    JsonNode get(String agentId, String taskId) throws Exception {
        return rpc(agentId, "GetTask", Map.of("id", taskId)).path("result");
    }

    static Map<String, Object> message(String text) {
        return Map.of("messageId", java.util.UUID.randomUUID().toString(), "role", "ROLE_USER",
                "parts", new Object[] {Map.of("text", text)});
    }

    JsonNode rpc(String agentId, String method, Map<String, Object> params) throws Exception {
        HttpResponse<String> response = post(agentId, method, params);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String agentId, String method, Map<String, Object> params) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        return agentx.send(agentx.request("/agents/" + agentId, false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    record Script(int exit, String output) {
    }

    Script node(String script, Map<String, String> environment) throws Exception {
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
