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

    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    /** One reusable buffer per request thread: answers are built whole, to be sent with a Content-Length. */
    private static final ThreadLocal<ByteArrayOutputStream> BUFFERS =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

    private JsonResponses() {
    }

    static void write(ObjectMapper mapper, HttpServletResponse response, int status, String contentType, Body body)
            throws IOException {
        if (response instanceof BufferedAnswer answer) { // built in its own memory, sent with its length later
            answer.setStatus(status);
            answer.setContentType(contentType);
            try (JsonGenerator generator = mapper.getFactory().createGenerator(answer.getOutputStream())) {
                body.write(generator);
            }
            return;
        }
        ByteArrayOutputStream bytes = BUFFERS.get();
        bytes.reset();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            body.write(generator);
        }
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.size());
        bytes.writeTo(response.getOutputStream()); // a blocking write: the buffer is free again when it returns
        if (bytes.size() > KEPT_BUFFER_BYTES) {
            BUFFERS.remove(); // do not keep a large answer's buffer per thread
        }
    }
}
