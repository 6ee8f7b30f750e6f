package io.agentx.a2a.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security on agent cards in both versions. A 1.0 scheme names its kind by a wrapper field
 * ({@code {"httpAuthSecurityScheme": {"scheme": "Bearer"}}}); a 0.3 scheme, as in OpenAPI, by {@code type}
 * ({@code {"type": "http", "scheme": "Bearer"}}), which 0.3 clients such as the A2A Java SDK require. One card
 * carries both: each scheme object gets the other version's fields beside its own, and the requirements are given
 * as 1.0 {@code securityRequirements} and 0.3 {@code security}. Each version's clients read theirs.
 */
final class SecuritySchemes03 {
    /** Each 1.0 wrapper field with the 0.3 {@code type} it stands for. */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("apiKeySecurityScheme", "apiKey"),
            Map.entry("httpAuthSecurityScheme", "http"),
            Map.entry("oauth2SecurityScheme", "oauth2"),
            Map.entry("openIdConnectSecurityScheme", "openIdConnect"),
            Map.entry("mtlsSecurityScheme", "mutualTLS"));

    private SecuritySchemes03() {
    }

    /** Adds the 0.3 fields to a 1.0 card's JSON: {@code type}… in each scheme, and {@code security}. */
    static void addLegacyFields(ObjectNode card) {
        if (card.get("securitySchemes") instanceof ObjectNode schemes) {
            for (JsonNode scheme : schemes) {
                if (scheme instanceof ObjectNode object) {
                    addLegacyScheme(object);
                }
            }
        }
        addLegacyRequirements(card);
        if (card.get("skills") instanceof ArrayNode skills) {
            for (JsonNode skill : skills) {
                if (skill instanceof ObjectNode object) {
                    addLegacyRequirements(object);
                }
            }
        }
    }

    private static void addLegacyScheme(ObjectNode scheme) {
        for (Map.Entry<String, String> kind : KINDS) {
            if (scheme.get(kind.getKey()) instanceof ObjectNode current) {
                scheme.put("type", kind.getValue());
                current.properties().forEach(field -> {
                    if (field.getKey().equals("location")) { // 0.3 says where an API key goes as OpenAPI does
                        scheme.put("in", field.getValue().asText().toLowerCase(Locale.ROOT));
                    } else {
                        scheme.set(field.getKey(), field.getValue().deepCopy());
                    }
                });
                return;
            }
        }
    }

    /** {@code securityRequirements: [{"schemes": {"bearer": {"list": []}}}]} as {@code security: [{"bearer": []}]}. */
    private static void addLegacyRequirements(ObjectNode holder) {
        if (!(holder.get("securityRequirements") instanceof ArrayNode requirements) || holder.has("security")) {
            return;
        }
        ArrayNode security = holder.putArray("security");
        for (JsonNode requirement : requirements) {
            ObjectNode anyOf = security.addObject();
            for (Map.Entry<String, JsonNode> scheme : requirement.path("schemes").properties()) {
                ArrayNode scopes = anyOf.putArray(scheme.getKey());
                scheme.getValue().path("list").forEach(scope -> scopes.add(scope.asText()));
            }
        }
    }

    /**
     * A 0.3 card's JSON with the 1.0 fields added where it has only the 0.3 ones: the wrapper field of each scheme
     * from its {@code type}, and {@code securityRequirements} from {@code security}. Returns a copy when it changed
     * anything.
     */
    static JsonNode withCurrentFields(JsonNode card) {
        if (!card.isObject() || (!card.has("securitySchemes") && !card.has("security"))) {
            return card;
        }
        ObjectNode copy = card.deepCopy();
        if (copy.get("securitySchemes") instanceof ObjectNode schemes) {
            for (JsonNode scheme : schemes) {
                if (scheme instanceof ObjectNode object) {
                    addCurrentScheme(object);
                }
            }
        }
        if (copy.get("security") instanceof ArrayNode security && !copy.has("securityRequirements")) {
            ArrayNode requirements = copy.putArray("securityRequirements");
            for (JsonNode anyOf : security) {
                ObjectNode schemes = requirements.addObject().putObject("schemes");
                anyOf.properties().forEach(scheme -> {
                    ArrayNode list = schemes.putObject(scheme.getKey()).putArray("list");
                    scheme.getValue().forEach(scope -> list.add(scope.asText()));
                });
            }
        }
        return copy;
    }

    private static void addCurrentScheme(ObjectNode scheme) {
        String type = scheme.path("type").asText("");
        for (Map.Entry<String, String> kind : KINDS) {
            if (scheme.has(kind.getKey())) {
                return; // already carries its 1.0 form
            }
        }
        for (Map.Entry<String, String> kind : KINDS) {
            if (kind.getValue().equalsIgnoreCase(type)) {
                ObjectNode current = scheme.putObject(kind.getKey());
                scheme.properties().forEach(field -> {
                    switch (field.getKey()) {
                        case "type", "apiKeySecurityScheme", "httpAuthSecurityScheme", "oauth2SecurityScheme",
                                "openIdConnectSecurityScheme", "mtlsSecurityScheme" -> { }
                        case "in" -> current.put("location", field.getValue().asText());
                        default -> current.set(field.getKey(), field.getValue().deepCopy());
                    }
                });
                return;
            }
        }
    }
}
