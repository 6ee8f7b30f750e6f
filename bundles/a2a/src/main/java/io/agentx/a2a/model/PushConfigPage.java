package io.agentx.a2a.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a task's push notification configurations (ListTaskPushNotificationConfigs), in the order of their
 * ids. The page token is the last id of the previous page, opaque to clients.
 *
 * @param configs the configurations of this page
 * @param nextPageToken where the next page starts, or {@code ""} after the last one
 */
public record PushConfigPage(List<TaskPushNotificationConfig> configs, String nextPageToken) {
    /** The most configurations a page holds, and how many when the client does not say. */
    public static final int MAX_PAGE_SIZE = 100;

    public PushConfigPage {
        configs = List.copyOf(configs);
    }

    /**
     * What a client asked for.
     *
     * @param pageSize at most this many (1-100; {@code null}: {@value #MAX_PAGE_SIZE})
     * @param pageToken from a previous page, or {@code null} or {@code ""} for the first
     */
    public record Request(Integer pageSize, String pageToken) {
    }

    /**
     * The page of these configurations a request asks for.
     *
     * @param path where the request's fields are, for errors (e.g. {@code params})
     * @throws A2aException INVALID_PARAMS naming {@code pageToken} when it is not a token of this list
     */
    public static PushConfigPage of(List<TaskPushNotificationConfig> all, Request request, String path) {
        int size = request.pageSize() == null ? MAX_PAGE_SIZE : request.pageSize();
        String after = request.pageToken() == null || request.pageToken().isEmpty() ? null
                : afterId(request.pageToken(), path);
        List<TaskPushNotificationConfig> remaining = all.stream()
                .sorted(Comparator.comparing(TaskPushNotificationConfig::id))
                .filter(config -> after == null || config.id().compareTo(after) > 0)
                .toList();
        if (remaining.size() <= size) {
            return new PushConfigPage(remaining, "");
        }
        List<TaskPushNotificationConfig> page = remaining.subList(0, size);
        return new PushConfigPage(page, token(page.get(size - 1).id()));
    }

    private static String token(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String afterId(String token, String path) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw A2aException.invalid(path + ".pageToken", "is not a page token of this list; use the nextPageToken "
                    + "of a previous answer, or none for the first page");
        }
    }
}
