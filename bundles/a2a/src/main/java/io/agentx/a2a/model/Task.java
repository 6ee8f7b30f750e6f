package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/**
 * A unit of work an agent performs for a client.
 *
 * @param id unique task id, assigned by the server
 * @param contextId the conversation the task belongs to
 * @param status the current status
 * @param artifacts what the task produced so far
 * @param history the messages exchanged, oldest first
 * @param metadata extension metadata
 */
public record Task(String id, String contextId, TaskStatus status, List<Artifact> artifacts, List<Message> history,
        Map<String, Object> metadata) implements StreamEvent {

    public Task {
        artifacts = Values.list(artifacts);
        history = Values.list(history);
        metadata = Values.map(metadata);
    }

    /** This task with only the last {@code length} history messages ({@code null}: all; 0: none). */
    public Task withHistoryLength(Integer length) {
        if (length == null || length >= history.size()) {
            return this;
        }
        return new Task(id, contextId, status, artifacts,
                length <= 0 ? List.of() : history.subList(history.size() - length, history.size()), metadata);
    }

    /** This task without its artifacts. */
    public Task withoutArtifacts() {
        return artifacts.isEmpty() ? this : new Task(id, contextId, status, List.of(), history, metadata);
    }
}
