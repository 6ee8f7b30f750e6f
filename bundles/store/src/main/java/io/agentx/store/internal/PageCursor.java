package io.agentx.store.internal;

import io.agentx.a2a.model.A2aException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a ListTasks page ends: the update order and id of its last task. The next page starts strictly after
 * it, so pages neither repeat nor skip tasks while others are written. Opaque to clients.
 */
record PageCursor(long updateOrder, String taskId) {
    private static final String PREFIX = "k:";

    String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + updateOrder + ':' + taskId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a token; {@code null} for none (the first page). */
    static PageCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':', PREFIX.length());
            if (decoded.startsWith(PREFIX) && colon > 0) {
                return new PageCursor(Long.parseLong(decoded.substring(PREFIX.length(), colon)),
                        decoded.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw A2aException.invalid("pageToken", "is not a token this server issued; pass the nextPageToken of a previous response");
    }
}
