package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/**
 * A message sent to an agent, with how the caller wants the answer.
 *
 * @param tenant the tenant, or {@code null}
 * @param message the message
 * @param configuration how to answer; never null
 * @param metadata request metadata
 */
public record SendMessageRequest(String tenant, Message message, Configuration configuration,
        Map<String, Object> metadata) {

    public SendMessageRequest {
        configuration = configuration == null ? Configuration.DEFAULT : configuration;
        metadata = Values.map(metadata);
    }

    /**
     * @param acceptedOutputModes media types the client accepts
     * @param pushNotificationConfig where to push updates of the task, or {@code null}
     * @param historyLength how many history messages to return, or {@code null} for all
     * @param returnImmediately answer at once instead of waiting for a terminal or interrupted state
     */
    public record Configuration(List<String> acceptedOutputModes, TaskPushNotificationConfig pushNotificationConfig,
            Integer historyLength, boolean returnImmediately) {
        public static final Configuration DEFAULT = new Configuration(List.of(), null, null, false);

        public Configuration {
            acceptedOutputModes = Values.list(acceptedOutputModes);
        }
    }
}
