package io.agentx.a2a.model;

import java.time.Instant;

/**
 * Which tasks to list.
 *
 * @param contextId only tasks of this context, or {@code null}
 * @param status only tasks in this state, or {@code null} (also for {@code TASK_STATE_UNSPECIFIED}, the
 *        protocol's "no state" default)
 * @param pageSize at most this many (1-100; {@code null}: the server default)
 * @param pageToken where to continue, from a previous response, or {@code null}
 * @param historyLength history messages per task, or {@code null}
 * @param statusTimestampAfter only tasks updated after this moment, or {@code null}
 * @param includeArtifacts whether to include artifacts
 */
public record ListTasksRequest(String tenant, String contextId, TaskState status, Integer pageSize, String pageToken,
        Integer historyLength, Instant statusTimestampAfter, boolean includeArtifacts) {

    public ListTasksRequest {
        if (status == TaskState.UNSPECIFIED) {
            status = null; // a client sending the default asks for no filter, not for tasks in no state
        }
    }
}
