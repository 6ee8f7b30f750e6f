package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The URLs of the HTTP+JSON routes below an interface URL, with the tenant as the first path segment when the
 * interface has one: {@code <url>[/<tenant>]/tasks/<id>:cancel}. Ids are percent-encoded.
 */
final class RestUrls {
    private final String url;
    private final String base;

    RestUrls(String interfaceUrl, String tenant) {
        this.url = interfaceUrl.endsWith("/") ? interfaceUrl.substring(0, interfaceUrl.length() - 1) : interfaceUrl;
        this.base = tenant == null || tenant.isEmpty() ? url : url + "/" + segment(tenant);
    }

    /** These routes for another tenant; {@code null} keeps the interface's. */
    RestUrls forTenant(String tenant) {
        return tenant == null ? this : new RestUrls(url, tenant);
    }

    /** {@code <base>/<route>}; the route's variable parts must already be encoded with {@link #segment}. */
    URI route(String route) {
        return URI.create(base + "/" + route);
    }

    /** The route with the fields of a flat JSON object as query parameters ({@code tenant} is in the path). */
    URI route(String route, JsonNode query) {
        StringJoiner parameters = new StringJoiner("&");
        query.properties().forEach(field -> {
            if (!field.getKey().equals("tenant") && !field.getValue().isNull()) {
                parameters.add(segment(field.getKey()) + "=" + segment(field.getValue().asText()));
            }
        });
        return parameters.length() == 0 ? route(route) : URI.create(base + "/" + route + "?" + parameters);
    }

    /** A path segment or query value, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
