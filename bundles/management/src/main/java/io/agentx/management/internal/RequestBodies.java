package io.agentx.management.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/** Reads request bodies within a size limit and checks their media type. */
final class RequestBodies {
    static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/x-java-archive",
            "application/octet-stream", "application/zip");

    private RequestBodies() {
    }

    static void requireMediaType(HttpServletRequest request, Set<String> accepted) {
        String type = mediaType(request);
        if (!accepted.contains(type)) {
            throw new ApiException(415, "Unsupported Media Type", "Content-Type '" + (type.isEmpty() ? "(none)" : type)
                    + "' is not accepted here; send " + String.join(" or ", accepted.stream().sorted().toList()));
        }
    }

    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[16384];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
                if (total > limit) {
                    throw tooLarge("more than " + limit + " bytes", limit);
                }
                body.write(buffer, 0, read);
            }
        }
        if (total == 0) {
            throw ApiException.badRequest("The request body is empty");
        }
        return body.toByteArray();
    }

    private static ApiException tooLarge(String size, long limit) {
        return new ApiException(413, "Content Too Large", "The body has " + size + "; the limit is " + limit
                + " bytes (maxUploadBytes / maxJsonBytes of PID io.agentx.management)");
    }

    private static String mediaType(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
