package io.agentx.adapter.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the adapters' golden-fixture tests share: fixture files from the test class path, and A2A messages read from
 * and written to their JSON form. For tests only (no bundle embeds this package).
 */
public final class DialectFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final A2aJson A2A = new A2aJson();

    private DialectFixtures() {
    }

    /** The JSON of the class-path resource {@code name}. */
    public static JsonNode fixture(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no fixture " + name + " on the class path");
            }
            return JSON.readTree(in);
        }
    }

    /** A JSON array of A2A messages (ProtoJSON form) as messages. */
    public static List<Message> messages(JsonNode array) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(A2A.readMessage(array.get(i), "a2a[" + i + "]"));
        }
        return messages;
    }

    /** Messages in their ProtoJSON form, to compare with a fixture. */
    public static JsonNode json(List<Message> messages) {
        ArrayNode array = JSON.createArrayNode();
        messages.forEach(message -> array.add(A2A.message(message)));
        return array;
    }
}
