package io.agentx.a2a.model;

/**
 * Where and how to push a task's updates.
 *
 * @param tenant the tenant, or {@code null}
 * @param id the configuration's id within its task, or {@code null} (the server assigns one)
 * @param taskId the task, or {@code null} inside a SendMessage configuration
 * @param url the endpoint to POST updates to
 * @param token a token the receiver can check, or {@code null}
 * @param authentication credentials to present to the receiver, or {@code null}
 */
public record TaskPushNotificationConfig(String tenant, String id, String taskId, String url, String token,
        Authentication authentication) {

    /** The {@code Authorization} scheme and credentials to send, e.g. {@code Bearer} and a token. */
    public record Authentication(String scheme, String credentials) {
    }
}
