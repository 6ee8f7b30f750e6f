package io.agentx.store.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.io.IOException;

/** Tasks and events as the JSON documents stored in their {@code body} columns (the A2A 1.0 ProtoJSON form). */
final class Documents {
    private final A2aJson json = new A2aJson();

    byte[] task(Task task) {
        return json.taskBytes(task);
    }

    byte[] event(StreamEvent event) {
        try {
            return json.mapper().writeValueAsBytes(json.streamResponse(event));
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store an event: " + e.getMessage());
        }
    }

    byte[] pushConfig(TaskPushNotificationConfig config) {
        try {
            return json.mapper().writeValueAsBytes(json.taskPushConfig(config));
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store a push configuration: " + e.getMessage());
        }
    }

    TaskPushNotificationConfig readPushConfig(byte[] body) {
        try {
            return json.readTaskPushConfig(json.mapper().readTree(body), "config");
        } catch (IOException | RuntimeException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored push configuration cannot be read: " + e.getMessage());
        }
    }

    Task readTask(byte[] body) {
        try {
            return json.readTask(json.mapper().readTree(body), "task");
        } catch (IOException | RuntimeException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored task cannot be read: " + e.getMessage());
        }
    }

    StreamEvent readEvent(byte[] body) {
        try {
            return json.readStreamResponse(json.mapper().readTree(body), "event");
        } catch (IOException | RuntimeException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored event cannot be read: " + e.getMessage());
        }
    }
}
