package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Cuts an ordered list of tasks into pages; page tokens are opaque offsets. */
final class Pages {
    static final int DEFAULT_PAGE_SIZE = 50;

    private Pages() {
    }

    static <T> ListTasksResponse of(List<T> ordered, ListTasksRequest request, java.util.function.Function<T, Task> load) {
        int size = request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize();
        int from = offset(request.pageToken());
        int to = Math.min(ordered.size(), from + size);
        List<Task> page = from >= ordered.size() ? List.of() : ordered.subList(from, to).stream()
                .map(load)
                .filter(java.util.Objects::nonNull)
                .map(task -> request.includeArtifacts() ? task : task.withoutArtifacts())
                .map(task -> task.withHistoryLength(request.historyLength() == null ? 0 : request.historyLength()))
                .toList();
        String next = to < ordered.size() ? token(to) : "";
        return new ListTasksResponse(page, next, size, ordered.size());
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("o:")) {
                int offset = Integer.parseInt(decoded.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw A2aException.invalid("pageToken", "is not a token this server issued; pass the nextPageToken of a previous response");
    }
}
