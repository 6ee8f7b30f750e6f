package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Cuts the matching tasks of the in-memory store, newest record first, into pages. A page token holds the log
 * position of the page's last task and the next page starts strictly below it, so tasks created or updated while
 * a client pages (their records are newer) neither shift the pages nor make them repeat a task. Opaque to clients.
 */
final class Pages {
    static final int DEFAULT_PAGE_SIZE = 50;
    private static final String PREFIX = "p:";

    private Pages() {
    }

    /**
     * @param newestFirst the log positions of the matching tasks, in decreasing order
     * @param load the task at a position, or {@code null} if it was overwritten meanwhile
     */
    static ListTasksResponse of(List<Long> newestFirst, ListTasksRequest request, LongFunction<Task> load) {
        int size = request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize();
        long after = after(request.pageToken());
        int from = 0;
        while (from < newestFirst.size() && newestFirst.get(from) >= after) {
            from++;
        }
        int to = Math.min(newestFirst.size(), from + size);
        List<Task> page = newestFirst.subList(from, to).stream()
                .map(load::apply)
                .filter(java.util.Objects::nonNull)
                .map(task -> request.includeArtifacts() ? task : task.withoutArtifacts())
                .map(task -> task.withHistoryLength(request.historyLength() == null ? 0 : request.historyLength()))
                .toList();
        String next = to < newestFirst.size() ? token(newestFirst.get(to - 1)) : "";
        return new ListTasksResponse(page, next, size, newestFirst.size());
    }

    private static String token(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position below which the page starts: all positions for the first page. */
    private static long after(String token) {
        if (token == null || token.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                long position = Long.parseLong(decoded.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw A2aException.invalid("pageToken", "is not a token this server issued; pass the nextPageToken of a previous response");
    }
}
