package io.agentx.router.internal.remote;

import io.agentx.a2a.model.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The remote agent's ids of a task AgentX knows under its own id. They are also kept in the task's metadata under
 * {@link #METADATA_KEY}, with a fingerprint of the replica that has the task (a truncated digest of its card URL, which
 * may name internal hosts: it hides the address from view, it is no secret), so that a follow-up after a restart still
 * reaches the remote task.
 */
public record RemoteTask(String taskId, String contextId) {
    static final String METADATA_KEY = "agentx.remoteTask";

    /** The task's metadata entry: these ids at the replica named {@code replicaName}. */
    Map<String, Object> metadata(String replicaName) {
        return Map.of(METADATA_KEY, Map.of("id", taskId, "contextId", contextId, "replica", fingerprint(replicaName)));
    }

    /** The ids kept in a task's metadata by the replica named {@code replicaName}, or {@code null}. */
    static RemoteTask of(Task task, String replicaName) {
        Map<String, Object> kept = entry(task);
        return kept != null && fingerprint(replicaName).equals(kept.get("replica")) && kept.get("id") instanceof String id
                && kept.get("contextId") instanceof String contextId ? new RemoteTask(id, contextId) : null;
    }

    /** The fingerprint of the replica that has the task, from its metadata, or {@code null}. */
    public static String replicaOf(Task task) {
        Map<String, Object> kept = entry(task);
        return kept != null && kept.get("replica") instanceof String replica ? replica : null;
    }

    /** A replica's name as kept in task metadata: a digest, so that the address is not shown to clients. */
    public static String fingerprint(String replicaName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(replicaName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Task task) {
        return task.metadata() != null && task.metadata().get(METADATA_KEY) instanceof Map<?, ?> kept
                ? (Map<String, Object>) kept : null;
    }
}
