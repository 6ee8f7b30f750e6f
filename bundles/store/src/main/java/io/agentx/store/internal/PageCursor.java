package io.agentx.store.internal;

import io.agentx.a2a.model.A2aException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a ListTasks page ends: the update order and id of its last task, and the count of matching tasks the first
 * page found with the filters it was for. The next page starts strictly after it, so pages neither repeat nor skip
 * tasks while others are written, and reports the first page's count instead of counting again (a token passed with
 * other filters counts again). Opaque to clients.
 *
 * @param total the matching tasks the first page counted, or -1 when the token did not carry a count
 * @param filters the fingerprint of the filters {@code total} was counted for
 */
record PageCursor(long updateOrder, String taskId, int total, String filters) {
    private static final String PREFIX = "c:";
    /** Tokens issued before the count was carried; still accepted (the page then counts). */
    private static final String UNCOUNTED_PREFIX = "k:";

    String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + updateOrder + ':' + total + ':' + filters
                + ':' + taskId).getBytes(StandardCharsets.UTF_8));
    }

    /** The count this token carries for a listing with these filters, or -1 when the page must count. */
    int totalFor(String fingerprint) {
        return total >= 0 && filters.equals(fingerprint) ? total : -1;
    }

    /** The cursor of a token; {@code null} for none (the first page). */
    static PageCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                String[] fields = decoded.substring(PREFIX.length()).split(":", 4);
                if (fields.length == 4 && Integer.parseInt(fields[1]) >= 0) {
                    return new PageCursor(Long.parseLong(fields[0]), fields[3], Integer.parseInt(fields[1]), fields[2]);
                }
            } else if (decoded.startsWith(UNCOUNTED_PREFIX)) {
                int colon = decoded.indexOf(':', UNCOUNTED_PREFIX.length());
                if (colon > 0) {
                    return new PageCursor(Long.parseLong(decoded.substring(UNCOUNTED_PREFIX.length(), colon)),
                            decoded.substring(colon + 1), -1, "");
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw A2aException.invalid("pageToken", "is not a token this server issued; pass the nextPageToken of a previous response");
    }
}
