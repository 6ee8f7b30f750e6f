package io.agentx.core.internal;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What ListTasks filters on, and the agent working on the task ({@code null} if not known), stored beside each
 * task's JSON in the in-memory store's off-heap log.
 */
record TaskSummary(String tenant, String contextId, TaskState state, Instant timestamp, String agentId) {

    static TaskSummary of(String tenant, Task task, String agentId) {
        return new TaskSummary(tenant == null ? "" : tenant, task.contextId(), task.status().state(),
                task.status().timestamp(), agentId);
    }

    /** state ordinal, timestamp (a flag, seconds, nanos), tenant, context id and agent (each a length and UTF-8) */
    byte[] encode() {
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        byte[] contextBytes = contextId == null ? null : contextId.getBytes(StandardCharsets.UTF_8);
        byte[] agentBytes = agentId == null ? null : agentId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 1 + 12 + 4 + tenantBytes.length + 4
                + (contextBytes == null ? 0 : contextBytes.length) + 4 + (agentBytes == null ? 0 : agentBytes.length));
        out.put((byte) state.ordinal());
        out.put((byte) (timestamp == null ? 0 : 1));
        out.putLong(timestamp == null ? 0 : timestamp.getEpochSecond()).putInt(timestamp == null ? 0 : timestamp.getNano());
        out.putInt(tenantBytes.length).put(tenantBytes);
        putText(out, contextBytes);
        putText(out, agentBytes);
        return out.array();
    }

    private static void putText(ByteBuffer out, byte[] text) {
        out.putInt(text == null ? -1 : text.length);
        if (text != null) {
            out.put(text);
        }
    }

    static TaskSummary decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        TaskState state = TaskState.values()[in.get()];
        boolean timed = in.get() == 1;
        long seconds = in.getLong();
        int nanos = in.getInt();
        String tenant = text(in, in.getInt());
        String contextId = text(in, in.getInt());
        String agentId = text(in, in.getInt());
        return new TaskSummary(tenant, contextId, state, timed ? Instant.ofEpochSecond(seconds, nanos) : null, agentId);
    }

    /** @param wantedAgent the agent whose tasks are listed, or {@code null} for every agent's */
    boolean matches(String wantedTenant, String wantedAgent, ListTasksRequest request) {
        Instant after = request.statusTimestampAfter();
        return tenant.equals(wantedTenant)
                && (wantedAgent == null || wantedAgent.equals(agentId))
                && (request.contextId() == null || request.contextId().equals(contextId))
                && (request.status() == null || request.status() == state)
                && (after == null || timestamp != null && !timestamp.isBefore(after));
    }

    /** The text of {@code length} bytes ({@code null} for -1). */
    private static String text(ByteBuffer in, int length) {
        if (length < 0) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
