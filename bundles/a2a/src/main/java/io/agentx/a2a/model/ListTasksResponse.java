package io.agentx.a2a.model;

import java.util.List;

/** One page of tasks. {@code nextPageToken} is empty on the last page. */
public record ListTasksResponse(List<Task> tasks, String nextPageToken, int pageSize, int totalSize) {
    public ListTasksResponse {
        tasks = Values.list(tasks);
        nextPageToken = nextPageToken == null ? "" : nextPageToken;
    }
}
