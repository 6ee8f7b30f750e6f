package io.agentx.store.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One durable change requested by a caller, completed once committed: a task row to insert or replace, events
 * to append, or a task (and its events) to delete. The task and the deletion may be absent, the events empty.
 * {@code background}: no thread waits for it, whoever follows {@code done} runs once it completes.
 */
record Write(TaskRow task, List<EventRow> events, Key delete, boolean background, CompletableFuture<Void> done) {

    /** A task row: its key, the columns ListTasks filters on, its JSON document and its agent ({@code null}: as stored). */
    record TaskRow(Key key, String contextId, String state, Long statusTime, long updateOrder, byte[] body,
            String agentId) {
    }

    /** An event of a task's log. */
    record EventRow(Key key, long sequence, byte[] body) {
    }

    /** A task's identity: tenant ({@code ""} for the default one) and id. */
    record Key(String tenant, String taskId) {
        static Key of(String tenant, String taskId) {
            return new Key(tenant == null ? "" : tenant, taskId);
        }
    }

    /** The task it writes or deletes. */
    Key key() {
        if (task != null) {
            return task.key();
        }
        return delete != null ? delete : events.get(0).key();
    }

    /** The bytes of JSON it writes. */
    long bytes() {
        long bytes = task == null ? 0 : task.body().length;
        for (EventRow event : events) {
            bytes += event.body().length;
        }
        return bytes;
    }

    static Write of(TaskRow task, List<EventRow> events, Key delete) {
        return new Write(task, events, delete, false, new CompletableFuture<>());
    }

    /** A write whose caller does not wait for it. */
    static Write background(TaskRow task, List<EventRow> events, Key delete) {
        return new Write(task, events, delete, true, new CompletableFuture<>());
    }
}
