package io.agentx.api;

import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;

/**
 * A push delivery a durable store holds until it is done: the event numbered {@code sequence} of the config's
 * task (in the config's tenant), to the config's destination. After a restart these are delivered again: at
 * least once.
 */
public record PendingPush(TaskPushNotificationConfig config, long sequence, StreamEvent event) {
}
