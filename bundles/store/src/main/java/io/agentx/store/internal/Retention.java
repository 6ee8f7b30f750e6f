package io.agentx.store.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.TaskState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes finished tasks (and their events) last updated longer ago than the retention period, in the background. */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final String FINISHED = "('" + TaskState.COMPLETED.name() + "', '" + TaskState.FAILED.name() + "', '"
            + TaskState.CANCELED.name() + "', '" + TaskState.REJECTED.name() + "')";

    private final Database database;
    private final Duration keep;
    private final ScheduledExecutorService timer;

    Retention(Database database, Duration keep, Duration interval, ScheduledExecutorService timer) {
        this.database = database;
        this.keep = keep;
        this.timer = timer;
        if (!keep.isZero()) {
            timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes the finished tasks updated before now minus the retention period; returns how many. */
    int sweep() throws SQLException {
        long before = UpdateOrder.micros(java.time.Instant.now().minus(keep));
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            String old = "SELECT tenant, task_id FROM agentx_task WHERE state IN " + FINISHED + " AND updated_seq < ?";
            try {
                for (String table : List.of("agentx_push_outbox", "agentx_push_config", "agentx_task_event")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE (tenant, task_id) IN (" + old + ")")) {
                        delete.setLong(1, before);
                        delete.executeUpdate();
                    }
                }
                int deleted;
                try (PreparedStatement tasks = connection.prepareStatement(
                        "DELETE FROM agentx_task WHERE state IN " + FINISHED + " AND updated_seq < ?")) {
                    tasks.setLong(1, before);
                    deleted = tasks.executeUpdate();
                }
                connection.commit();
                return deleted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
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
