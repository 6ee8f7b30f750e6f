package io.agentx.management.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.security.api.ApiKeys;
import io.agentx.security.api.TrustLevel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@code /api/v1/keys}: issue an API key ({@code POST {"principal", "tenant", "roles", "trustLevel"}}, answered
 * once with the key itself), list keys (never their secrets), revoke one ({@code DELETE /api/v1/keys/{id}}).
 */
final class KeysResource {
    /** A key as the API shows it (times in ISO-8601); {@code key} only in the answer that issues it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record KeyView(String id, String principal, String tenant, Set<String> roles, String trustLevel, String created,
            String revoked, String key) {
        static KeyView of(ApiKeys.KeyInfo info, String key) {
            return new KeyView(info.id(), info.principal(), info.tenant(), info.roles(),
                    info.trustLevel().name().toLowerCase(java.util.Locale.ROOT), info.created().toString(),
                    info.revoked() == null ? null : info.revoked().toString(), key);
        }
    }

    private final ApiKeys keys;
    private final ObjectMapper json;
    private final IntSupplier maxJsonBytes;

    KeysResource(ApiKeys keys, ObjectMapper json, IntSupplier maxJsonBytes) {
        this.keys = keys;
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
    }

    void route(ApiPath path, String method, HttpServletRequest request, HttpServletResponse response,
            AdminAction action) throws IOException {
        if (path.action() != null) {
            throw ApiException.notFound("No resource '" + request.getRequestURI() + "'");
        }
        if (path.id() == null) {
            switch (method) {
                case "GET" -> ManagementApi.write(response, 200, keys.list().stream().map(info -> KeyView.of(info, null))
                        .toList());
                case "POST" -> {
                    ApiKeys.IssuedKey issued = issue(request);
                    action.detail("key", issued.info().id());
                    action.detail("principal", issued.info().principal());
                    response.setHeader("Location", "/api/v1/keys/" + issued.info().id());
                    response.setHeader("Cache-Control", "no-store");
                    ManagementApi.write(response, 201, KeyView.of(issued.info(), issued.key()));
                }
                default -> throw ManagementApi.notAllowed(method, "GET, POST");
            }
            return;
        }
        action.detail("key", path.id());
        switch (method) {
            case "GET" -> ManagementApi.write(response, 200, keys.list().stream()
                    .filter(key -> key.id().equals(path.id())).map(info -> KeyView.of(info, null)).findFirst()
                    .orElseThrow(() -> missing(path.id())));
            case "DELETE" -> {
                if (keys.revoke(path.id()) == null) {
                    throw missing(path.id());
                }
                response.setStatus(204);
            }
            default -> throw ManagementApi.notAllowed(method, "GET, DELETE");
        }
    }

    private ApiKeys.IssuedKey issue(HttpServletRequest request) throws IOException {
        RequestBodies.requireMediaType(request, Set.of("application/json"));
        JsonNode body;
        try {
            body = json.readTree(RequestBodies.read(request, maxJsonBytes.getAsInt()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object, e.g. {\"principal\": \"alice\", "
                    + "\"tenant\": \"acme\", \"roles\": [\"analyst\"], \"trustLevel\": \"verified\"}");
        }
        Set<String> roles = new LinkedHashSet<>();
        JsonNode roleList = body.path("roles");
        if (!roleList.isMissingNode() && !roleList.isNull()) {
            if (!roleList.isArray()) {
                throw ApiException.badRequest("roles: expected an array of role names");
            }
            roleList.forEach(role -> roles.add(role.asText()));
        }
        try {
            TrustLevel trust = body.hasNonNull("trustLevel") ? TrustLevel.parse(body.get("trustLevel").asText()) : null;
            return keys.issue(body.path("principal").asText(null), body.path("tenant").asText(null), roles, trust);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("No API key with id '" + id + "'; GET /api/v1/keys lists them");
    }
}
