package io.agentx.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.PushConfigPage;

/** The {@code ListTaskPushNotificationConfigsResponse} body. */
final class PushConfigs {
    private PushConfigs() {
    }

    static ObjectNode listResponse(A2aJson json, PushConfigPage page) {
        ObjectNode response = json.mapper().createObjectNode();
        ArrayNode array = response.putArray("configs");
        page.configs().forEach(config -> array.add(json.taskPushConfig(config)));
        response.put("nextPageToken", page.nextPageToken());
        return response;
    }
}
