package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A complete HTTP answer: what was asked, the status, the media type and the body. */
record Reply(String method, URI uri, int status, String contentType, byte[] body) {

    /** The body as JSON, or {@code null} if it is empty or not JSON. */
    JsonNode json(ObjectMapper mapper) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /** The start of the body, for error messages. */
    String excerpt() {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "an empty body" : "'" + text + (body.length > 200 ? "…'" : "'");
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
