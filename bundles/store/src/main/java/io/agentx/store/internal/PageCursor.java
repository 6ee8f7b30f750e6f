package io.agentx.store.internal;

import io.agentx.a2a.model.A2aException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a ListTasks page ends: the update order and id of its last task, and the count of matching tasks the first
 * page found. The next page starts strictly after it, so pages neither repeat nor skip tasks while others are
 * written, and reports the first page's count instead of counting again. Opaque to clients.
 *
 * @param total the matching tasks the first page counted, or -1 when the token did not carry it
 */
record PageCursor(long updateOrder, String taskId, int total) {
    private static final String PREFIX = "p:";
    /** Tokens issued before the count was carried; still accepted (the page then counts). */
    private static final String UNCOUNTED_PREFIX = "k:";

    String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (PREFIX + updateOrder + ':' + total + ':' + taskId).getBytes(StandardCharsets.UTF_8));
    }

    boolean counted() {
        return total >= 0;
    }

    /** The cursor of a token; {@code null} for none (the first page). */
    static PageCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                int order = decoded.indexOf(':', PREFIX.length());
                int count = decoded.indexOf(':', order + 1);
                if (order > 0 && count > 0) {
                    int total = Integer.parseInt(decoded.substring(order + 1, count));
                    if (total >= 0) {
                        return new PageCursor(Long.parseLong(decoded.substring(PREFIX.length(), order)),
                                decoded.substring(count + 1), total);
                    }
                }
            } else if (decoded.startsWith(UNCOUNTED_PREFIX)) {
                int colon = decoded.indexOf(':', UNCOUNTED_PREFIX.length());
                if (colon > 0) {
                    return new PageCursor(Long.parseLong(decoded.substring(UNCOUNTED_PREFIX.length(), colon)),
                            decoded.substring(colon + 1), -1);
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw A2aException.invalid("pageToken", "is not a token this server issued; pass the nextPageToken of a previous response");
    }
}
