package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Security of a running distribution, from the outside: credentials on every binding (with the real
 * {@code @a2a-js/sdk} client), tenants, access rules, rate limits, the management API, the audit trail and the
 * logs. Negative cases are the point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Path.of(System.getProperty("agentx.js.tests", "src/test/js")).toAbsolutePath();
    private static final String ISSUER = "https://idp.e2e.example";
    private static final String HMAC_SECRET = "e2e-hmac-secret-of-at-least-32-bytes-long";
    private static final List<String> SECRETS_USED = new ArrayList<>(List.of(AgentxProcess.API_KEY, HMAC_SECRET));
    private static AgentxProcess agentx;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh().start();
        alice = issue("alice", "acme");
        bob = issue("bob", "globex");
    }

    @AfterAll
    static void stop() throws Exception {
        agentx.close();
    }

    @Test
    @Order(1)
    void cardsAndHealthArePublicAndCardsDeclareTheEnforcedSchemes() throws Exception {
        JsonNode card = JSON.readTree(agentx.send(agentx.anonymous("/agents/echo/.well-known/agent-card.json").GET()
                .build()).body());
        assertEquals("header", card.at("/securitySchemes/apiKey/apiKeySecurityScheme/location").asText(), card.toString());
        assertEquals("X-API-Key", card.at("/securitySchemes/apiKey/apiKeySecurityScheme/name").asText());
        assertEquals("Basic", card.at("/securitySchemes/adminPassword/httpAuthSecurityScheme/scheme").asText());
        assertTrue(card.at("/securitySchemes/bearer").isMissingNode(), "no bearer scheme while no issuer is configured");
        assertTrue(card.at("/securityRequirements/0/schemes").has("apiKey"), card.toString());
        // an A2A 0.3 client (the A2A Java SDK) reads the same card, security included, in its own terms
        io.a2a.spec.AgentCard legacy = new io.a2a.client.http.A2ACardResolver(new io.a2a.client.http.JdkA2AHttpClient(),
                "http://127.0.0.1:" + agentx.port(), "/agents/echo/.well-known/agent-card.json").getAgentCard();
        io.a2a.spec.APIKeySecurityScheme apiKey = (io.a2a.spec.APIKeySecurityScheme) legacy.securitySchemes().get("apiKey");
        assertEquals("X-API-Key", apiKey.getName());
        assertEquals("header", apiKey.getIn());
        assertTrue(legacy.security().contains(Map.of("apiKey", List.of())), legacy.security().toString());
        assertTrue(legacy.url().endsWith("/agents/echo"), legacy.url());
        JsonNode gateway = JSON.readTree(agentx.send(agentx.anonymous("/.well-known/agent-card.json").GET().build()).body());
        assertEquals("X-API-Key", gateway.at("/securitySchemes/apiKey/apiKeySecurityScheme/name").asText());
        assertEquals(200, agentx.send(agentx.anonymous("/health/live").GET().build()).statusCode());
    }

    @Test
    @Order(2)
    void jsonRpcAndRestRefuseMissingOrWrongCredentialsWith401AndAChallenge() throws Exception {
        HttpResponse<String> none = jsonRpc(null, "/agents/echo", "SendMessage", send("hello"));
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"), none.headers().toString());
        JsonNode error = JSON.readTree(none.body()).get("error");
        assertEquals(-32040, error.get("code").asInt());
        assertTrue(error.get("message").asText().contains("needs credentials"), none.body());
        assertEquals("UNAUTHENTICATED", error.at("/data/0/reason").asText());

        HttpResponse<String> wrong = jsonRpc("agx_0123456789ab_notarealkey", "/agents/echo", "SendMessage", send("hi"));
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("notarealkey"), "the credential is not repeated: " + wrong.body());

        HttpResponse<String> rest = agentx.send(agentx.anonymous("/agents/echo/rest/message:send")
                .header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(send("hello").toString())).build());
        assertEquals(401, rest.statusCode(), rest.body());
        assertEquals("UNAUTHENTICATED", JSON.readTree(rest.body()).at("/error/status").asText());

        HttpResponse<String> gateway = jsonRpc(null, "/", "SendMessage", send("hello"));
        assertEquals(401, gateway.statusCode(), "the gateway too");
    }

    @Test
    @Order(3)
    void theA2aJsClientIsRefusedOrServedByItsCredentialsOnEveryBindingIncludingBearerTokens() throws Exception {
        configure(Map.of("jwtIssuer", ISSUER, "jwtAudiences", List.of("agentx"), "jwtHmacSecret", HMAC_SECRET));
        awaitCard("bearer");
        String token = token(new JWTClaimsSet.Builder().issuer(ISSUER).audience("agentx").subject("sdk-user")
                .claim("tenant", "acme").expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        SECRETS_USED.add(token);
        Script run = node("security-e2e.mjs", Map.of("BASE_URL", "http://127.0.0.1:" + agentx.port() + "/agents/echo/",
                "API_KEY", alice, "BEARER_TOKEN", token));
        assertEquals(0, run.exit(), run.output());
        assertEquals(16, run.output().lines().filter(line -> line.startsWith("PASS")).count(), run.output());
    }

    @Test
    @Order(4)
    void badBearerTokensAreRefusedWithTheReason() throws Exception {
        long now = System.currentTimeMillis();
        Map<String, JWTClaimsSet> cases = Map.of(
                "has expired", claims("alice").expirationTime(new Date(now - 3_600_000)).build(),
                "another issuer", claims("alice").issuer("https://evil.example").build(),
                "audience", claims("alice").audience("someone-else").build(),
                "not valid yet", claims("alice").notBeforeTime(new Date(now + 3_600_000)).build());
        for (Map.Entry<String, JWTClaimsSet> bad : cases.entrySet()) {
            HttpResponse<String> refused = jsonRpcBearer(token(bad.getValue()), "SendMessage", send("x"));
            assertEquals(401, refused.statusCode(), bad.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains(bad.getKey()), refused.body());
        }
        HttpResponse<String> unsigned = jsonRpcBearer(new PlainJWT(claims("alice").build()).serialize(), "SendMessage",
                send("x"));
        assertEquals(401, unsigned.statusCode());
        assertTrue(unsigned.body().contains("alg none"), unsigned.body());
        String forged = token(claims("alice").build());
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        assertEquals(401, jsonRpcBearer(forged, "SendMessage", send("x")).statusCode());
    }

    @Test
    @Order(5)
    void aTenantSeesOnlyItsOwnTasks() throws Exception {
        String taskId = JSON.readTree(jsonRpc(alice, "/agents/echo", "SendMessage", send("wait for acme")).body())
                .at("/result/task/id").asText();
        assertFalse(taskId.isEmpty());
        assertEquals(-32001, errorCode(jsonRpc(bob, "/agents/echo", "GetTask", JSON.createObjectNode().put("id", taskId))),
                "another tenant's task does not exist for bob");
        assertEquals(-32001, errorCode(jsonRpc(bob, "/agents/echo", "CancelTask", JSON.createObjectNode().put("id", taskId))));
        assertEquals(-32001, errorCode(jsonRpc(bob, "/agents/echo", "SubscribeToTask", JSON.createObjectNode().put("id", taskId))));
        String bobsList = jsonRpc(bob, "/agents/echo", "ListTasks", JSON.createObjectNode()).body();
        assertFalse(bobsList.contains(taskId), bobsList);
        assertTrue(jsonRpc(alice, "/agents/echo", "ListTasks", JSON.createObjectNode()).body().contains(taskId));

        HttpResponse<String> otherTenant = agentx.send(agentx.anonymous("/agents/echo/rest/globex/tasks/" + taskId)
                .header("X-API-Key", alice).header("A2A-Version", "1.0").GET().build());
        assertEquals(403, otherTenant.statusCode(), otherTenant.body());
        assertTrue(otherTenant.body().contains("belongs to tenant 'acme'"), otherTenant.body());

        HttpResponse<String> canceled = jsonRpc(alice, "/agents/echo", "CancelTask", JSON.createObjectNode().put("id", taskId));
        assertEquals("TASK_STATE_CANCELED", JSON.readTree(canceled.body()).at("/result/status/state").asText(), canceled.body());
    }

    @Test
    @Order(6)
    void accessRulesDenyAndADenyRuleWinsOverAnAllowRule() throws Exception {
        configure(Map.of("acl", List.of("allow role:admin * *", "allow trust:verified send,get,list echo",
                "deny principal:bob * *")));
        HttpResponse<String> denied = awaitStatus(bob, 403);
        JsonNode error = JSON.readTree(denied.body()).get("error");
        assertEquals(-32041, error.get("code").asInt());
        assertTrue(error.get("message").asText().contains("'deny principal:bob * *' denies it"), denied.body());
        assertEquals(200, jsonRpc(alice, "/agents/echo", "SendMessage", send("allowed")).statusCode());
        HttpResponse<String> cancel = jsonRpc(alice, "/agents/echo", "CancelTask", JSON.createObjectNode().put("id", "x"));
        assertEquals(403, cancel.statusCode(), "no rule allows alice to cancel: " + cancel.body());
        resetConfiguration();
        awaitStatus(bob, 200);
    }

    @Test
    @Order(7)
    void rateLimitsAnswer429WithRetryAfterAndRecover() throws Exception {
        configure(Map.of("principalRate", 1, "principalBurst", 2));
        HttpResponse<String> limited = awaitStatus(alice, 429);
        assertEquals(-32042, errorCode(limited));
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter) + 100);
        assertEquals(200, jsonRpc(alice, "/agents/echo", "SendMessage", send("recovered")).statusCode());
        assertEquals(200, jsonRpc(bob, "/agents/echo", "SendMessage", send("bob has his own bucket")).statusCode());
        resetConfiguration();
    }

    @Test
    @Order(8)
    void revokedKeysAreRefusedAtOnce() throws Exception {
        String carol = issue("carol", null);
        assertEquals(200, jsonRpc(carol, "/agents/echo", "SendMessage", send("before")).statusCode());
        String id = carol.split("_", 3)[1];
        assertEquals(204, agentx.send("DELETE", "/api/v1/keys/" + id, null, new byte[0]).statusCode());
        HttpResponse<String> revoked = jsonRpc(carol, "/agents/echo", "SendMessage", send("after"));
        assertEquals(401, revoked.statusCode());
        assertTrue(revoked.body().contains("was revoked"), revoked.body());
        JsonNode listed = JSON.readTree(agentx.get("/api/v1/keys", true).body());
        assertTrue(listed.toString().contains("\"revoked\""), listed.toString());
        assertFalse(listed.toString().contains(carol.split("_", 3)[2]), "secrets are never listed");
        assertEquals(404, agentx.send("DELETE", "/api/v1/keys/nosuchkey", null, new byte[0]).statusCode());
        assertEquals(400, agentx.send("POST", "/api/v1/keys", "application/json",
                "{\"principal\": \"has spaces\"}".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    @Order(9)
    void theManagementApiAndConsoleNeedAnAdministrator() throws Exception {
        HttpResponse<String> user = agentx.send(agentx.anonymous("/api/v1/bundles").header("X-API-Key", alice).GET().build());
        assertEquals(403, user.statusCode(), user.body());
        assertEquals(200, agentx.send(agentx.anonymous("/api/v1/bundles").header("X-API-Key", AgentxProcess.API_KEY)
                .GET().build()).statusCode(), "AGENTX_API_KEY is an administrator's key");
        assertEquals(401, agentx.send(agentx.anonymous("/api/v1/keys").GET().build()).statusCode());
        assertEquals(401, agentx.send(agentx.anonymous("/system/console/bundles").header("X-API-Key", alice).GET()
                .build()).statusCode());
        assertEquals(403, agentx.send(agentx.anonymous("/api/v1/agents").header("X-API-Key", alice).GET().build())
                .statusCode());
    }

    @Test
    @Order(10)
    void theAuditTrailRecordsDecisionsAndAdministrationAndDetectsTampering() throws Exception {
        // a change made without the management API is audited too
        Files.copy(TestJars.example(agentx.home()), agentx.home().resolve("deploy/audited-example.jar"));
        agentx.awaitGet("/hello", 200, "Hello", java.time.Duration.ofSeconds(20));
        JsonNode verified = JSON.readTree(agentx.get("/api/v1/audit/verify", true).body());
        assertTrue(verified.get("intact").asBoolean(), verified.toString());
        Path log = agentx.home().resolve("data/security/audit.log");
        String audit = Files.readString(log);
        for (String action : List.of("auth.failed", "access.denied", "rate.limited", "key.issue", "key.revoke",
                "config.update", "framework.config.updated", "framework.bundle.installed")) {
            assertTrue(audit.contains("\"action\":\"" + action + "\""), action + " is audited");
        }
        Script live = verifyCommand(log);
        assertEquals(0, live.exit(), "bin/agentx audit-verify on the live log: " + live.output());
        assertTrue(audit.contains("audited-example.jar"), "the deployed bundle's installation is audited");

        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        Path tampered = agentx.home().resolve("tampered-audit.log");
        lines.set(2, lines.get(2).replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"2020-01-01T00:00:00Z\""));
        Files.write(tampered, lines);
        Script edited = verifyCommand(tampered);
        assertEquals(1, edited.exit(), edited.output());
        assertTrue(edited.output().contains("TAMPERED at line 3"), edited.output());
        lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(tampered, lines);
        assertEquals(1, verifyCommand(tampered).exit(), "a removed entry is detected");
    }

    @Test
    @Order(11)
    void noCredentialUsedInThisTestAppearsInAnyLog() throws Exception {
        List<String> secrets = new ArrayList<>(SECRETS_USED);
        secrets.add(alice);
        secrets.add(bob);
        secrets.add(AgentxProcess.PASSWORD);
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(agentx.home().resolve("logs"))) {
            files.filter(Files::isRegularFile).forEach(logs::add);
        }
        logs.add(agentx.home().resolve("data/security/audit.log"));
        StringBuilder all = new StringBuilder(agentx.console());
        for (Path file : logs) {
            all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertTrue(all.length() > 1000, "the logs are not empty");
        for (String secret : secrets) {
            assertFalse(all.toString().contains(secret), "a credential appears in the logs: " + secret.substring(0, 6) + "…");
        }
    }

    // --- helpers

    private static String issue(String principal, String tenant) throws Exception {
        String body = JSON.writeValueAsString(tenant == null ? Map.of("principal", principal)
                : Map.of("principal", principal, "tenant", tenant));
        HttpResponse<String> issued = agentx.send("POST", "/api/v1/keys", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, issued.statusCode(), issued.body());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));
        return JSON.readTree(issued.body()).get("key").asText();
    }

    private static void configure(Map<String, Object> properties) throws Exception {
        HttpResponse<String> put = agentx.send("PUT", "/api/v1/configurations/io.agentx.security", "application/json",
                JSON.writeValueAsBytes(properties));
        assertTrue(put.statusCode() == 200 || put.statusCode() == 201, put.body());
    }

    private static void resetConfiguration() throws Exception {
        agentx.send("DELETE", "/api/v1/configurations/io.agentx.security", null, new byte[0]);
    }

    /** Sends as the principal until the answer has the status (configuration changes arrive asynchronously). */
    private static HttpResponse<String> awaitStatus(String key, int status) throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 100; i++) {
            last = jsonRpc(key, "/agents/echo", "SendMessage", send("probe"));
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + status + ", last: " + last.statusCode() + " " + last.body());
    }

    private static void awaitCard(String scheme) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode card = JSON.readTree(agentx.send(agentx.anonymous("/agents/echo/.well-known/agent-card.json")
                    .GET().build()).body());
            if (card.at("/securitySchemes").has(scheme)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the card never listed the " + scheme + " scheme");
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("agentx").subject(subject)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    private static String token(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(HMAC_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode send(String text) {
        com.fasterxml.jackson.databind.node.ObjectNode params = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode message = params.putObject("message");
        message.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
        message.putArray("parts").addObject().put("text", text);
        if (text.startsWith("wait")) {
            params.putObject("configuration").put("returnImmediately", true);
        }
        return params;
    }

    private static HttpResponse<String> jsonRpc(String apiKey, String path, String method, JsonNode params)
            throws Exception {
        HttpRequest.Builder request = agentx.anonymous(path);
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return postJsonRpc(request, method, params);
    }

    private static HttpResponse<String> jsonRpcBearer(String token, String method, JsonNode params) throws Exception {
        return postJsonRpc(agentx.anonymous("/agents/echo").header("Authorization", "Bearer " + token), method, params);
    }

    private static HttpResponse<String> postJsonRpc(HttpRequest.Builder request, String method, JsonNode params)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        return agentx.send(request.header("Content-Type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static int errorCode(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/error/code").asInt();
    }

    private record Script(int exit, String output) {
    }

    private static Script verifyCommand(Path log) throws Exception {
        return run(new ProcessBuilder(agentx.home().resolve("bin/agentx").toString(), "audit-verify", log.toString()));
    }

    private static Script node(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(SCRIPTS.toFile());
        builder.environment().putAll(environment);
        return run(builder);
    }

    private static Script run(ProcessBuilder builder) throws Exception {
        Path output = Files.createTempFile(agentx.home(), "run-", ".txt");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(builder.command() + " did not finish:\n" + Files.readString(output));
        }
        return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
    }
}
