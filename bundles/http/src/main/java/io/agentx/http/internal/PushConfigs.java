package io.agentx.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.List;

/** The {@code ListTaskPushNotificationConfigsResponse} body. */
final class PushConfigs {
    private PushConfigs() {
    }

    static ObjectNode listResponse(A2aJson json, List<TaskPushNotificationConfig> configs) {
        ObjectNode response = json.mapper().createObjectNode();
        ArrayNode array = response.putArray("configs");
        configs.forEach(config -> array.add(json.taskPushConfig(config)));
        response.put("nextPageToken", "");
        return response;
    }
}
