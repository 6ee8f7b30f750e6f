package io.agentx.a2a.model;

import java.util.List;

/**
 * Where and how to push task updates.
 *
 * @param id the configuration's id within its task, or {@code null}
 * @param url the HTTPS endpoint to POST to
 * @param token a token the receiver can check, or {@code null}
 * @param authenticationSchemes schemes of the credentials to present, e.g. {@code Bearer}
 * @param credentials the credentials, or {@code null}
 */
public record PushNotificationConfig(String id, String url, String token, List<String> authenticationSchemes,
        String credentials) {
    public PushNotificationConfig {
        authenticationSchemes = Values.list(authenticationSchemes);
    }
}
