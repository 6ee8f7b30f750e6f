package io.agentx.management.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The parts of a path below {@code /api/v1}: {@code /<resource>[/<id>[/<action>]]}. */
record ApiPath(String resource, String id, String action) {

    static ApiPath parse(String pathInfo) {
        String path = pathInfo == null ? "" : pathInfo;
        String[] parts = path.replaceAll("^/+|/+$", "").split("/", -1);
        if (parts.length > 3) {
            throw ApiException.notFound("No resource '/api/v1" + path + "'");
        }
        return new ApiPath(parts[0], parts.length > 1 ? decode(parts[1]) : null, parts.length > 2 ? parts[2] : null);
    }

    long numericId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Bundle id '" + id + "' is not a number; bundle ids are shown by GET /api/v1/bundles");
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
