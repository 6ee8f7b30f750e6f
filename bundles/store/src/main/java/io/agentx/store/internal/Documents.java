package io.agentx.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.io.IOException;
import java.util.function.BiFunction;

/** Tasks and events as the JSON documents stored in their {@code body} columns (the A2A 1.0 ProtoJSON form). */
final class Documents {
    private static final String PROTOCOL_VERSION = "agentxProtocolVersion";
    private final A2aJson json = new A2aJson();

    byte[] task(Task task) {
        return json.taskBytes(task);
    }

    byte[] event(StreamEvent event) {
        return write(json.streamResponse(event), "an event");
    }

    /** A push configuration, with the A2A version of the client that set it (AgentX's field, not A2A's). */
    byte[] pushConfig(TaskPushNotificationConfig config) {
        com.fasterxml.jackson.databind.node.ObjectNode document = json.taskPushConfig(config);
        if (config.protocolVersion() != null) {
            document.put(PROTOCOL_VERSION, config.protocolVersion());
        }
        return write(document, "a push configuration");
    }

    TaskPushNotificationConfig readPushConfig(byte[] body) {
        return read(body, "config", (document, path) -> json.readTaskPushConfig(document, path)
                .withProtocolVersion(document.path(PROTOCOL_VERSION).asText(null)), "push configuration");
    }

    Task readTask(byte[] body) {
        return read(body, "task", json::readTask, "task");
    }

    StreamEvent readEvent(byte[] body) {
        return read(body, "event", json::readStreamResponse, "event");
    }

    private byte[] write(JsonNode document, String what) {
        try {
            return json.mapper().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store " + what + ": " + e.getMessage());
        }
    }

    private <T> T read(byte[] body, String path, BiFunction<JsonNode, String, T> reader, String what) {
        try {
            return reader.apply(json.mapper().readTree(body), path);
        } catch (IOException | RuntimeException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored " + what + " cannot be read: " + e.getMessage());
        }
    }
}
