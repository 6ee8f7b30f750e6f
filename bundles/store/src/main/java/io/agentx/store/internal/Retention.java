package io.agentx.store.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.TaskState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished tasks (and their events and push rows) last updated longer ago than the retention period, in the
 * background. Each tenant's tasks are read from the retention limit backwards along the update-order index, a batch
 * per transaction, so a sweep reads the tasks that aged since the last one (and the unfinished ones kept), not the
 * whole table, and never holds a large transaction open.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final Set<String> FINISHED = Set.of(TaskState.COMPLETED.name(), TaskState.FAILED.name(),
            TaskState.CANCELED.name(), TaskState.REJECTED.name());
    private static final List<String> TASK_ROWS = List.of("agentx_push_outbox", "agentx_push_config", "agentx_task_event");
    static final int BATCH = 500;

    private final Database database;
    private final Duration keep;

    Retention(Database database, Duration keep, Duration interval, ScheduledExecutorService timer) {
        this.database = database;
        this.keep = keep;
        if (!keep.isZero()) {
            timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes the finished tasks updated before now minus the retention period; returns how many. */
    int sweep() throws SQLException {
        long limit = UpdateOrder.micros(Instant.now().minus(keep));
        int deleted = 0;
        try (Connection connection = database.connect()) {
            for (String tenant = nextTenant(connection, null); tenant != null; tenant = nextTenant(connection, tenant)) {
                deleted += sweep(connection, tenant, limit);
            }
        }
        return deleted;
    }

    /** The first tenant after {@code previous} (or the first of all), read off an index: one row, not a scan. */
    private static String nextTenant(Connection connection, String previous) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT tenant FROM agentx_task WHERE tenant "
                + (previous == null ? ">= ''" : "> ?") + " ORDER BY tenant LIMIT 1")) {
            if (previous != null) {
                query.setString(1, previous);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static int sweep(Connection connection, String tenant, long limit) throws SQLException {
        int deleted = 0;
        Row after = new Row(limit, ""); // strictly older than the limit
        while (after != null) {
            List<Row> finished = new ArrayList<>();
            Row last = null;
            int read = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT task_id, updated_seq, state FROM agentx_task "
                    + "WHERE tenant = ?" + TaskQueries.Filter.AFTER_CURSOR + " ORDER BY tenant, updated_seq DESC, task_id DESC "
                    + "LIMIT " + BATCH)) {
                query.setString(1, tenant);
                query.setLong(2, after.updateOrder());
                query.setLong(3, after.updateOrder());
                query.setString(4, after.taskId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        read++;
                        last = new Row(rows.getLong(2), rows.getString(1));
                        if (FINISHED.contains(rows.getString(3))) {
                            finished.add(last);
                        }
                    }
                }
            }
            deleted += delete(connection, tenant, finished);
            after = read == BATCH ? last : null;
        }
        return deleted;
    }

    /** A task row's place in the update order. */
    private record Row(long updateOrder, String taskId) {
    }

    /**
     * Deletes tasks still at the update order they were read at (one updated since is kept), then the rows of those
     * whose task row is gone.
     */
    private static int delete(Connection connection, String tenant, List<Row> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return 0;
        }
        connection.setAutoCommit(false);
        try {
            List<String> gone = new ArrayList<>();
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agentx_task WHERE tenant = ? AND task_id = ? AND updated_seq = ?")) {
                for (Row task : tasks) {
                    delete.setString(1, tenant);
                    delete.setString(2, task.taskId());
                    delete.setLong(3, task.updateOrder());
                    delete.addBatch();
                }
                int[] counts = delete.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) { // 1, or SUCCESS_NO_INFO from a driver that does not count: checked below
                        gone.add(tasks.get(i).taskId());
                    }
                }
            }
            for (String table : TASK_ROWS) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? "
                        + "AND task_id = ? AND NOT EXISTS (SELECT 1 FROM agentx_task WHERE tenant = ? AND task_id = ?)")) {
                    for (String taskId : gone) {
                        delete.setString(1, tenant);
                        delete.setString(2, taskId);
                        delete.setString(3, tenant);
                        delete.setString(4, taskId);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            connection.commit();
            return gone.size();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.info("Task store deleted {} finished task(s) older than {}", deleted, keep);
            }
        } catch (SQLException | A2aException e) {
            LOG.warn("Task store retention sweep skipped: {}", e.getMessage());
        }
    }
}
