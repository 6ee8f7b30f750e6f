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
 * @param protocolVersion the A2A version of the client that set it, which gives its notifications their form
 *     ({@code 0.3}: the task; otherwise a 1.0 {@code StreamResponse} per event); not part of the A2A wire form
 */
public record TaskPushNotificationConfig(String tenant, String id, String taskId, String url, String token,
        Authentication authentication, String protocolVersion) {

    /** A configuration as A2A carries it, without the version of the client that set it. */
    public TaskPushNotificationConfig(String tenant, String id, String taskId, String url, String token,
            Authentication authentication) {
        this(tenant, id, taskId, url, token, authentication, null);
    }

    /** This configuration, set by a client of the given A2A version. */
    public TaskPushNotificationConfig withProtocolVersion(String version) {
        return new TaskPushNotificationConfig(tenant, id, taskId, url, token, authentication, version);
    }

    /** Whether its notifications take the A2A 0.3 form: the whole task. */
    public boolean wantsLegacyForm() {
        return protocolVersion != null && protocolVersion.startsWith("0.");
    }

    /** The {@code Authorization} scheme and credentials to send, e.g. {@code Bearer} and a token. */
    public record Authentication(String scheme, String credentials) {
    }
}
