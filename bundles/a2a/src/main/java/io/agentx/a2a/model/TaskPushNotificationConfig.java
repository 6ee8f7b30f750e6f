package io.agentx.a2a.model;

/** A push configuration attached to a task. */
public record TaskPushNotificationConfig(String tenant, String taskId, PushNotificationConfig pushNotificationConfig) {
}
