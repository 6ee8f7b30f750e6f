package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS with mutual TLS on a running distribution: client certificates from the trusted authority identify
 * callers (CN the name, O the tenant, OU the roles), a certificate from another authority fails the handshake,
 * and a caller without certificate or key is refused.
 */
class TlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.nio.file.Path REPOSITORY = PluginCalls.SCRIPTS.resolve("../../../..").normalize();
    private static AgentxProcess agentx;
    private static TestCertificates pki;
    private static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh();
        pki = TestCertificates.create(agentx.home().resolve("tls"));
        pki.client("alice", "CN=alice,OU=analyst,O=acme", "ca");
        pki.client("mallory", "CN=mallory,O=acme", "rogue-ca");
        Files.writeString(agentx.home().resolve("config/io.agentx.security.cfg.json"),
                JSON.writeValueAsString(Map.of("certificateTenantAttribute", "O")));
        Files.writeString(agentx.home().resolve("config/io.agentx.grpc.cfg.json"),
                JSON.writeValueAsString(Map.of("tls", true, "port", AgentxProcess.freePort())));
        // plugins the supervisor starts: they are told to connect with TLS and what to trust
        Files.writeString(agentx.home().resolve("config/io.agentx.plugin~node-echo.cfg.json"), JSON.writeValueAsString(
                Map.of("command", "node", "arguments", new String[] {PluginCalls.SCRIPTS.resolve("echo-plugin.mjs")
                        .toString()}, "workingDirectory", PluginCalls.SCRIPTS.toString())));
        Files.writeString(agentx.home().resolve("config/io.agentx.plugin~py-echo.cfg.json"), JSON.writeValueAsString(
                Map.of("command", "/usr/bin/python3", "arguments", new String[] {
                        REPOSITORY.resolve("distribution/src/test/plugins/echo_plugin.py").toString()},
                        "environment", new String[] {"PYTHONPATH=" + REPOSITORY.resolve("sdks/python")})));
        httpsPort = AgentxProcess.freePort();
        agentx.env("AGENTX_HTTPS_PORT", Integer.toString(httpsPort))
                .env("AGENTX_TLS_KEYSTORE", pki.keyStore("server").toString())
                .env("AGENTX_TLS_KEYSTORE_PASSWORD", TestCertificates.PASSWORD)
                .env("AGENTX_TLS_TRUSTSTORE", pki.trustStore().toString())
                .env("AGENTX_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    void theCardOverHttpsDeclaresClientCertificates() throws Exception {
        HttpResponse<String> card = client(null).send(HttpRequest.newBuilder(https("/agents/echo/.well-known/agent-card.json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, card.statusCode());
        JsonNode schemes = JSON.readTree(card.body()).get("securitySchemes");
        assertTrue(schemes.has("clientCertificate") && schemes.at("/clientCertificate/mtlsSecurityScheme").isObject(),
                card.body());
    }

    @Test
    void aCertificateFromTheTrustedAuthorityIdentifiesTheCallerAndItsTenant() throws Exception {
        HttpClient alice = client("alice");
        HttpResponse<String> sent = jsonRpc(alice, "SendMessage", send("hello over mTLS"));
        assertEquals(200, sent.statusCode(), sent.body());
        JsonNode task = JSON.readTree(sent.body()).at("/result/task");
        assertEquals("TASK_STATE_COMPLETED", task.at("/status/state").asText(), sent.body());
        assertTrue(jsonRpc(alice, "ListTasks", JSON.createObjectNode()).body().contains(task.get("id").asText()));

        HttpResponse<String> otherTenant = alice.send(HttpRequest.newBuilder(https("/agents/echo/rest/globex/tasks/"
                + task.get("id").asText())).header("A2A-Version", "1.0").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, otherTenant.statusCode(), otherTenant.body());
        assertTrue(otherTenant.body().contains("principal 'alice' belongs to tenant 'acme'"), otherTenant.body());
    }

    @Test
    void aCallerWithoutCertificateOrKeyIsRefused() throws Exception {
        HttpResponse<String> refused = jsonRpc(client(null), "SendMessage", send("anyone?"));
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("or a client certificate"), refused.body());
    }

    @Test
    void aCertificateFromAnotherAuthorityFailsTheHandshake() throws Exception {
        assertThrows(IOException.class, () -> jsonRpc(client("mallory"), "SendMessage", send("let me in")));
        HttpResponse<String> plain = agentx.send(agentx.request("/agents/echo", false)
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1,
                        "method", "SendMessage", "params", send("plain HTTP with a key"))))).build());
        assertEquals(200, plain.statusCode(), "plain HTTP with an API key keeps working: " + plain.body());
    }

    @Test
    void theA2aJsGrpcClientAuthenticatesWithItsCertificateOverTls() throws Exception {
        java.nio.file.Path key = pki.privateKeyPem("alice");
        java.nio.file.Path scripts = java.nio.file.Path.of(System.getProperty("agentx.js.tests", "src/test/js"))
                .toAbsolutePath();
        ProcessBuilder node = new ProcessBuilder("node", "grpc-tls-e2e.mjs").directory(scripts.toFile())
                .redirectErrorStream(true);
        node.environment().putAll(Map.of("CARD_URL", "https://127.0.0.1:" + httpsPort + "/agents/echo/",
                "CA", pki.certificatePem("ca").toString(), "CERT", pki.certificatePem("alice").toString(),
                "KEY", key.toString(), "NODE_EXTRA_CA_CERTS", pki.certificatePem("ca").toString()));
        Process run = node.start();
        String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), output);
        assertEquals(2, output.lines().filter(line -> line.startsWith("PASS")).count(), output);
    }

    @Test
    void pluginsStartedBySupervisorConnectOverTlsAndServe() throws Exception {
        PluginCalls calls = new PluginCalls(agentx);
        for (String plugin : new String[] {"node-echo", "py-echo"}) {
            calls.awaitPlugin(plugin, status -> status.path("connected").asBoolean());
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage",
                    "params", send("hello " + plugin + " over TLS")));
            HttpResponse<String> sent = client("alice").send(HttpRequest.newBuilder(https("/agents/" + plugin))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("A2A-Version", "1.0").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sent.statusCode(), sent.body());
            JsonNode task = JSON.readTree(sent.body()).at("/result/task");
            assertEquals("TASK_STATE_COMPLETED", task.at("/status/state").asText(), sent.body());
            assertTrue(sent.body().contains("hello " + plugin + " over TLS"), "echoed by the plugin: " + sent.body());
        }
    }

    private static HttpClient client(String certificate) throws Exception {
        SSLContext context = pki.clientContext(certificate);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static URI https(String path) {
        return URI.create("https://127.0.0.1:" + httpsPort + path);
    }

    private static HttpResponse<String> jsonRpc(HttpClient client, String method, JsonNode params) throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        return client.send(HttpRequest.newBuilder(https("/agents/echo")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode send(String text) {
        com.fasterxml.jackson.databind.node.ObjectNode params = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode message = params.putObject("message");
        message.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
        message.putArray("parts").addObject().put("text", text);
        return params;
    }
}
