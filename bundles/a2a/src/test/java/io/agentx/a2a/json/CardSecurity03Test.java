package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.a2a.spec.APIKeySecurityScheme;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.MutualTLSSecurityScheme;
import io.a2a.spec.OAuth2SecurityScheme;
import io.a2a.spec.OpenIdConnectSecurityScheme;
import io.a2a.util.Utils;
import io.agentx.a2a.model.AgentCard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security on cards read by clients of both versions: the 0.3 side is checked with the A2A Java SDK 0.3, whose
 * card parser needs each scheme's {@code type}.
 */
class CardSecurity03Test {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CARD_10 = """
            {"name": "Secured", "description": "d", "version": "1",
             "supportedInterfaces": [
               {"url": "https://x.example/agents/s", "protocolBinding": "JSONRPC", "protocolVersion": "0.3"},
               {"url": "https://x.example/agents/s/v1", "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}],
             "capabilities": {"streaming": true},
             "securitySchemes": {
               "apiKey": {"apiKeySecurityScheme": {"location": "header", "name": "X-API-Key", "description": "a key"}},
               "bearer": {"httpAuthSecurityScheme": {"scheme": "Bearer", "bearerFormat": "JWT"}},
               "oauth": {"oauth2SecurityScheme": {"flows": {"clientCredentials": {
                   "tokenUrl": "https://idp.example/token", "scopes": {"agents": "call agents"}}}}},
               "oidc": {"openIdConnectSecurityScheme": {"openIdConnectUrl": "https://idp.example/.well-known/openid-configuration"}},
               "clientCertificate": {"mtlsSecurityScheme": {"description": "a client certificate"}}},
             "securityRequirements": [{"schemes": {"apiKey": {"list": []}}}, {"schemes": {"oauth": {"list": ["agents"]}}}],
             "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
             "skills": [{"id": "s", "name": "S", "description": "d", "tags": ["t"]}]}
            """;

    private final A2aJson json = new A2aJson();
    private final A2aJson03 json03 = new A2aJson03(json);

    @Test
    void theA2aJavaSdk03ReadsEverySecuritySchemeAndTheRequirementsOfAServedCard() throws Exception {
        AgentCard card = json.readCard(MAPPER.readTree(CARD_10), "card");
        String served = MAPPER.writeValueAsString(json03.addLegacyCardFields(json.card(card), card));

        io.a2a.spec.AgentCard legacy = Utils.OBJECT_MAPPER.readValue(served, io.a2a.spec.AgentCard.class);

        APIKeySecurityScheme apiKey = assertInstanceOf(APIKeySecurityScheme.class, legacy.securitySchemes().get("apiKey"));
        assertEquals("X-API-Key", apiKey.getName());
        assertEquals("header", apiKey.getIn());
        assertEquals("a key", apiKey.getDescription());
        HTTPAuthSecurityScheme bearer = assertInstanceOf(HTTPAuthSecurityScheme.class, legacy.securitySchemes().get("bearer"));
        assertEquals("Bearer", bearer.getScheme());
        assertEquals("JWT", bearer.getBearerFormat());
        OAuth2SecurityScheme oauth = assertInstanceOf(OAuth2SecurityScheme.class, legacy.securitySchemes().get("oauth"));
        assertEquals("https://idp.example/token", oauth.getFlows().clientCredentials().tokenUrl());
        assertEquals(Map.of("agents", "call agents"), oauth.getFlows().clientCredentials().scopes());
        OpenIdConnectSecurityScheme oidc = assertInstanceOf(OpenIdConnectSecurityScheme.class,
                legacy.securitySchemes().get("oidc"));
        assertEquals("https://idp.example/.well-known/openid-configuration", oidc.getOpenIdConnectUrl());
        assertInstanceOf(MutualTLSSecurityScheme.class, legacy.securitySchemes().get("clientCertificate"));
        assertEquals(List.of(Map.of("apiKey", List.of()), Map.of("oauth", List.of("agents"))), legacy.security());
        assertEquals("https://x.example/agents/s", legacy.url());
    }

    @Test
    void aServedCardStillReadsAsTheSame10CardInAgentx() throws Exception {
        AgentCard card = json.readCard(MAPPER.readTree(CARD_10), "card");
        JsonNode served = json03.addLegacyCardFields(json.card(card), card);
        AgentCard again = json03.readCard(served, "card");
        assertEquals(card.securityRequirements(), again.securityRequirements());
        for (String scheme : card.securitySchemes().keySet()) {
            JsonNode before = MAPPER.valueToTree(card.securitySchemes().get(scheme));
            JsonNode after = MAPPER.valueToTree(again.securitySchemes().get(scheme));
            String wrapper = before.fieldNames().next();
            assertEquals(before.get(wrapper), after.get(wrapper), scheme + " keeps its 1.0 form");
        }
    }

    @Test
    void aCardOfA03AgentIsReadWithItsSecurityIn10Form() throws Exception {
        JsonNode card03 = MAPPER.readTree("""
                {"name": "Old", "description": "d", "version": "1", "protocolVersion": "0.3.0",
                 "url": "https://old.example/a2a", "preferredTransport": "JSONRPC",
                 "capabilities": {}, "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
                 "skills": [],
                 "securitySchemes": {"key": {"type": "apiKey", "in": "query", "name": "k"},
                                     "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
                 "security": [{"key": []}, {"jwt": ["read"]}]}
                """);
        AgentCard card = json03.readCard(card03, "card");
        assertEquals(Map.of("location", "query", "name", "k"), card.securitySchemes().get("key") instanceof Map<?, ?> key
                ? key.get("apiKeySecurityScheme") : null);
        assertEquals(Map.of("scheme", "bearer", "bearerFormat", "JWT"), card.securitySchemes().get("jwt") instanceof Map<?, ?> jwt
                ? jwt.get("httpAuthSecurityScheme") : null);
        assertEquals(List.of(Map.of("schemes", Map.of("key", Map.of("list", List.of()))),
                Map.of("schemes", Map.of("jwt", Map.of("list", List.of("read"))))), card.securityRequirements());
    }
}
