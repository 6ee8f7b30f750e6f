package io.agentx.a2a.model;

import java.util.Map;

/**
 * A task produced an artifact, or a chunk of one.
 *
 * @param append whether the parts extend an artifact with the same id sent before
 * @param lastChunk whether this is the artifact's final chunk
 */
public record TaskArtifactUpdateEvent(String taskId, String contextId, Artifact artifact, boolean append,
        boolean lastChunk, Map<String, Object> metadata) implements StreamEvent {

    public TaskArtifactUpdateEvent {
        metadata = Values.map(metadata);
    }
}
