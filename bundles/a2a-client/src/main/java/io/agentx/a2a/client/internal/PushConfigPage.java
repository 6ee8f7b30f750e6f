package io.agentx.a2a.client.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** One page of a 1.0 {@code ListTaskPushNotificationConfigsResponse}. */
record PushConfigPage(List<TaskPushNotificationConfig> configs, String nextPageToken) {

    /** Reads {@code {"configs":[…],"nextPageToken":"…"}}. */
    static ResultDecoder<PushConfigPage> decoder(A2aJson json) {
        return (node, path) -> {
            if (!node.isObject() || node.has("configs") && !node.get("configs").isArray()) {
                throw A2aException.invalid(path, "must be an object with a list of configs");
            }
            List<TaskPushNotificationConfig> configs = new ArrayList<>();
            for (int i = 0; i < node.path("configs").size(); i++) {
                configs.add(json.readTaskPushConfig(node.get("configs").get(i), path + ".configs[" + i + "]"));
            }
            return new PushConfigPage(configs, node.path("nextPageToken").asText(""));
        };
    }

    /** Every configuration of every page; {@code fetch} returns the page of a token ({@code null} for the first). */
    static List<TaskPushNotificationConfig> collect(Function<String, PushConfigPage> fetch) {
        List<TaskPushNotificationConfig> configs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = null;
        do {
            PushConfigPage page = fetch.apply(token);
            configs.addAll(page.configs());
            token = page.nextPageToken();
        } while (!token.isEmpty() && seen.add(token));
        return List.copyOf(configs);
    }
}
