package io.agentx.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes a JSON answer straight from the model, without a tree in between, as one write with a
 * {@code Content-Length} (a body streamed to the servlet output would go out chunked, in more packets).
 */
final class JsonResponses {

    /** Writes the JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private JsonResponses() {
    }

    static void write(ObjectMapper mapper, HttpServletResponse response, int status, String contentType, Body body)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            body.write(generator);
        }
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.size());
        bytes.writeTo(response.getOutputStream());
    }
}
