package io.agentx.core.internal;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What ListTasks filters on, stored beside each task's JSON in the in-memory store's off-heap log. */
record TaskSummary(String tenant, String contextId, TaskState state, Instant timestamp) {

    static TaskSummary of(String tenant, Task task) {
        return new TaskSummary(tenant == null ? "" : tenant, task.contextId(), task.status().state(),
                task.status().timestamp());
    }

    /** state ordinal, timestamp (a flag, seconds, nanos), tenant and context id (each a length and UTF-8) */
    byte[] encode() {
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        byte[] contextBytes = contextId == null ? null : contextId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 1 + 12 + 4 + tenantBytes.length + 4
                + (contextBytes == null ? 0 : contextBytes.length));
        out.put((byte) state.ordinal());
        out.put((byte) (timestamp == null ? 0 : 1));
        out.putLong(timestamp == null ? 0 : timestamp.getEpochSecond()).putInt(timestamp == null ? 0 : timestamp.getNano());
        out.putInt(tenantBytes.length).put(tenantBytes);
        out.putInt(contextBytes == null ? -1 : contextBytes.length);
        if (contextBytes != null) {
            out.put(contextBytes);
        }
        return out.array();
    }

    static TaskSummary decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        TaskState state = TaskState.values()[in.get()];
        boolean timed = in.get() == 1;
        long seconds = in.getLong();
        int nanos = in.getInt();
        String tenant = text(in, in.getInt());
        int contextLength = in.getInt();
        return new TaskSummary(tenant, contextLength < 0 ? null : text(in, contextLength), state,
                timed ? Instant.ofEpochSecond(seconds, nanos) : null);
    }

    boolean matches(String wantedTenant, ListTasksRequest request) {
        Instant after = request.statusTimestampAfter();
        return tenant.equals(wantedTenant)
                && (request.contextId() == null || request.contextId().equals(contextId))
                && (request.status() == null || request.status() == state)
                && (after == null || timestamp != null && !timestamp.isBefore(after));
    }

    private static String text(ByteBuffer in, int length) {
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
