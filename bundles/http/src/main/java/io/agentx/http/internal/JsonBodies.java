package io.agentx.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.io.IOException;

/** Parses request bodies as JSON, turning every malformation into a clear A2A error. */
final class JsonBodies {
    private JsonBodies() {
    }

    static JsonNode parse(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            throw new A2aException(A2aError.PARSE_ERROR, "the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new A2aException(A2aError.PARSE_ERROR, "the request body is empty; send a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new A2aException(A2aError.INVALID_REQUEST, "the JSON is nested too deeply or has an oversized number"
                    + " or string (nesting is limited by maxJsonDepth of PID io.agentx.http)");
        } catch (JsonProcessingException e) {
            throw new A2aException(A2aError.PARSE_ERROR, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new A2aException(A2aError.PARSE_ERROR, "the body could not be read as JSON: " + e.getMessage());
        }
    }
}
