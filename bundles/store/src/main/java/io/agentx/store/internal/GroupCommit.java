package io.agentx.store.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue their writes and wait; one writer thread takes every write waiting at that moment
 * and commits them in one transaction, then releases their callers. Under load many writes share one durable
 * commit; alone, a write commits at once. Task rows and events are applied in the order they were queued, so the
 * changes of one task stay ordered; deletions come last in a batch (a task is never written after its deletion).
 * A write the database rejects fails only its own caller: a failed batch is retried one write at a time. A write
 * whose caller gave up waiting is not made. Background writes have no waiting caller: what follows them runs on a
 * completion thread, one hand-over per committed batch, so the writer goes straight on to the next batch.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int QUEUE_CAPACITY = 65_536;
    /**
     * The most JSON one batch carries (a larger write goes alone): the database builds each commit in memory, and a
     * few large tasks in one commit made H2 run out of heap and close itself.
     */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    private static final String DELETE_EVENTS = "DELETE FROM agentx_task_event WHERE tenant = ? AND task_id = ?";
    private static final String DELETE_PUSH_OUTBOX = "DELETE FROM agentx_push_outbox WHERE tenant = ? AND task_id = ?";
    private static final String DELETE_PUSH_CONFIGS = "DELETE FROM agentx_push_config WHERE tenant = ? AND task_id = ?";
    private static final String DELETE_TASK = "DELETE FROM agentx_task WHERE tenant = ? AND task_id = ?";

    private final Database database;
    private final int maxBatch;
    private final long maxWriteBytes;
    private final long timeoutMillis;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private final ExecutorService completions = Executors.newFixedThreadPool(2, daemon("agentx-store-done"));
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, daemon("agentx-store-deadlines"));
    private volatile boolean running = true;

    GroupCommit(Database database, int maxBatch, long maxWriteBytes, long timeoutMillis) {
        this.database = database;
        this.maxBatch = maxBatch;
        this.maxWriteBytes = maxWriteBytes;
        this.timeoutMillis = timeoutMillis;
        this.writer = new Thread(this::run, "agentx-store-writer");
        writer.setDaemon(true);
        writer.start();
        deadlines.setRemoveOnCancelPolicy(true); // a write committed in time leaves nothing queued
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Queues a write and returns once it is committed. */
    void write(Write write) {
        refuseIfTooLarge(write);
        try {
            if (!running || !queue.offer(write, timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw refused();
            }
            write.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof A2aException error ? error
                    : new A2aException(A2aError.INTERNAL_ERROR, "the task store failed: " + e.getCause());
        } catch (TimeoutException e) {
            A2aException late = late();
            write.done().completeExceptionally(late); // unless the writer is committing it already, it is dropped
            throw late;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new A2aException(A2aError.STORE_UNAVAILABLE, "interrupted while waiting for the task store");
        }
    }

    /**
     * Queues a background write: the future completes once it is committed, or fails as {@link #write} would,
     * within the same time bound.
     */
    CompletableFuture<Void> writeAsync(Write write) {
        refuseIfTooLarge(write);
        if (!running || !queue.offer(write)) {
            return CompletableFuture.failedFuture(refused());
        }
        try {
            ScheduledFuture<?> deadline = deadlines.schedule(() -> write.done().completeExceptionally(late()),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            write.done().whenComplete((committed, error) -> deadline.cancel(false));
        } catch (RejectedExecutionException closing) {
            // close() completes whatever is still queued
        }
        return write.done();
    }

    private void refuseIfTooLarge(Write write) {
        long bytes = write.bytes();
        if (bytes > maxWriteBytes) {
            throw new A2aException(A2aError.INVALID_REQUEST, "the task store keeps a task of up to " + maxWriteBytes
                    + " bytes of JSON (maxTaskBytes of PID io.agentx.store); task " + write.key().taskId() + " is "
                    + bytes + " bytes; nothing was stored");
        }
    }

    private A2aException refused() {
        return new A2aException(A2aError.STORE_UNAVAILABLE, running
                ? "the task store has " + QUEUE_CAPACITY + " writes waiting for its database " + database.url()
                        + "; nothing was stored, retry later"
                : "the task store is closing (its bundle stopped or is being reconfigured); retry");
    }

    private A2aException late() {
        return new A2aException(A2aError.STORE_UNAVAILABLE, "the task store's database " + database.url()
                + " did not confirm a write within " + timeoutMillis + " ms; retry later");
    }

    private void run() {
        List<Write> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                takeMore(batch, first.bytes());
                batch.removeIf(write -> write.done().isDone()); // callers that gave up waiting
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // the writer must outlive any failure, e.g. a driver's assertion on a connection cut mid-batch
                LOG.error("Task store writer failed", e);
                release(batch, new A2aException(A2aError.INTERNAL_ERROR, "the task store failed: " + e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds the writes waiting next to the batch, while it stays within {@code maxBatch} and {@link #MAX_BATCH_BYTES}. */
    private void takeMore(List<Write> batch, long bytes) {
        Write next;
        while (batch.size() < maxBatch && (next = queue.peek()) != null && bytes + next.bytes() <= MAX_BATCH_BYTES) {
            Write taken = queue.poll(); // the one looked at: only close() takes too, once the writer stopped
            if (taken == null) {
                return;
            }
            batch.add(taken);
            bytes += taken.bytes();
        }
    }

    /** Commits a batch; if the connection proves broken, once more on a fresh one (every write is idempotent). */
    private void commit(List<Write> batch) {
        if (!commitOn(batch, false)) {
            commitOn(batch, true);
        }
    }

    /**
     * Commits a batch on a pooled connection. Returns false, completing nothing, if the connection was broken and
     * this is not the {@code lastAttempt}.
     */
    private boolean commitOn(List<Write> batch, boolean lastAttempt) {
        Connection connection;
        try {
            connection = database.connect();
        } catch (A2aException e) {
            release(batch, e);
            return true;
        }
        try (connection) {
            connection.setAutoCommit(false);
            try {
                apply(connection, batch);
                connection.commit();
                release(batch, null);
            } catch (SQLException | RuntimeException | AssertionError e) {
                // (a driver may assert on a connection cut mid-batch when assertions are on)
                rollback(connection);
                if (!database.usable(connection)) {
                    if (!lastAttempt) {
                        return false;
                    }
                    release(batch, database.unavailable(e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e)));
                } else if (batch.size() > 1) {
                    commitOneByOne(connection, batch);
                } else {
                    release(batch, failure(connection, e));
                }
            }
        } catch (SQLException e) {
            release(batch, database.unavailable(e));
        }
        return true;
    }

    /** After a batch failed on a live connection: find the write at fault, commit the others. */
    private void commitOneByOne(Connection connection, List<Write> batch) {
        for (Write write : batch) {
            try {
                apply(connection, List.of(write));
                connection.commit();
                release(List.of(write), null);
            } catch (SQLException | RuntimeException | AssertionError e) {
                rollback(connection);
                release(List.of(write), failure(connection, e));
            }
        }
    }

    private A2aException failure(Connection connection, Throwable e) {
        if (database.usable(connection)) {
            return new A2aException(A2aError.INTERNAL_ERROR, "the task store could not write: " + e.getMessage());
        }
        return database.unavailable(e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e));
    }

    private void apply(Connection connection, List<Write> batch) throws SQLException {
        try (PreparedStatement tasks = connection.prepareStatement(database.dialect().upsertTask());
                PreparedStatement events = connection.prepareStatement(database.dialect().insertEvent())) {
            int taskCount = 0;
            int eventCount = 0;
            for (Write write : batch) {
                if (write.task() != null) {
                    Write.TaskRow row = write.task();
                    tasks.setString(1, row.key().tenant());
                    tasks.setString(2, row.key().taskId());
                    tasks.setString(3, row.contextId());
                    tasks.setString(4, row.state());
                    if (row.statusTime() == null) {
                        tasks.setNull(5, java.sql.Types.BIGINT);
                    } else {
                        tasks.setLong(5, row.statusTime());
                    }
                    tasks.setLong(6, row.updateOrder());
                    tasks.setBytes(7, row.body());
                    tasks.setString(8, row.agentId());
                    if (database.dialect().upsertRepeatsKey()) {
                        tasks.setString(9, row.key().tenant());
                        tasks.setString(10, row.key().taskId());
                    }
                    tasks.addBatch();
                    taskCount++;
                }
                for (Write.EventRow row : write.events()) {
                    events.setString(1, row.key().tenant());
                    events.setString(2, row.key().taskId());
                    events.setLong(3, row.sequence());
                    events.setBytes(4, row.body());
                    events.addBatch();
                    eventCount++;
                }
            }
            if (taskCount > 0) {
                tasks.executeBatch();
            }
            if (eventCount > 0) {
                events.executeBatch();
            }
        }
        deletes(connection, batch);
    }

    private static void deletes(Connection connection, List<Write> batch) throws SQLException {
        List<Write.Key> keys = new ArrayList<>();
        for (Write write : batch) {
            if (write.delete() != null) {
                keys.add(write.delete());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        for (String sql : List.of(DELETE_PUSH_OUTBOX, DELETE_PUSH_CONFIGS, DELETE_EVENTS, DELETE_TASK)) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Write.Key key : keys) {
                    statement.setString(1, key.tenant());
                    statement.setString(2, key.taskId());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /**
     * Completes writes, failed with {@code error} unless it is {@code null}: those with a waiting caller at once,
     * the background ones together on a completion thread.
     */
    private void release(List<Write> writes, A2aException error) {
        List<Write> background = new ArrayList<>();
        for (Write write : writes) {
            if (write.background()) {
                background.add(write);
            } else {
                complete(write, error);
            }
        }
        if (background.isEmpty()) {
            return;
        }
        try {
            completions.execute(() -> background.forEach(write -> complete(write, error)));
        } catch (RejectedExecutionException closed) {
            background.forEach(write -> complete(write, error));
        }
    }

    private static void complete(Write write, A2aException error) {
        if (error == null) {
            write.done().complete(null);
        } else {
            write.done().completeExceptionally(error);
        }
    }

    /** Stops taking writes, commits those already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Write left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new A2aException(A2aError.STORE_UNAVAILABLE,
                    "the task store closed before this write was committed; retry"));
        }
        deadlines.shutdownNow();
        completions.shutdown(); // what is handed over still runs
    }
}
