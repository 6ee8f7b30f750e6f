package io.agentx.store.internal;

import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.PendingPush;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Push configurations and the push outbox. Their writes are few (one per configuration, two per delivery) and
 * each commits on its own; deleting a task (its retention, or a direct answer) deletes its rows too.
 */
final class PushTables {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PushTables.class);
    private static final String UNFINISHED = "('" + TaskState.SUBMITTED.name() + "', '" + TaskState.WORKING.name()
            + "', '" + TaskState.INPUT_REQUIRED.name() + "', '" + TaskState.AUTH_REQUIRED.name() + "')";

    private final Database database;
    private final Documents documents;

    PushTables(Database database, Documents documents) {
        this.database = database;
        this.documents = documents;
    }

    void save(TaskPushNotificationConfig config) {
        Write.Key key = Write.Key.of(config.tenant(), config.taskId());
        database.read(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agentx_push_config WHERE tenant = ? AND task_id = ? AND config_id = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO agentx_push_config (tenant, task_id, config_id, body) VALUES (?, ?, ?, ?)")) {
                connection.setAutoCommit(false);
                bind(delete, key, config.id());
                delete.executeUpdate();
                bind(insert, key, config.id());
                insert.setBytes(4, documents.pushConfig(config));
                insert.executeUpdate();
                connection.commit();
                return null;
            } catch (java.sql.SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    void delete(String tenant, String taskId, String configId) {
        Write.Key key = Write.Key.of(tenant, taskId);
        update(key, configId, "DELETE FROM agentx_push_outbox WHERE tenant = ? AND task_id = ? AND config_id = ?");
        update(key, configId, "DELETE FROM agentx_push_config WHERE tenant = ? AND task_id = ? AND config_id = ?");
    }

    List<TaskPushNotificationConfig> configsOfUnfinishedTasks() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.body FROM agentx_push_config c "
                    + "JOIN agentx_task t ON t.tenant = c.tenant AND t.task_id = c.task_id WHERE t.state IN " + UNFINISHED);
                    ResultSet rows = query.executeQuery()) {
                List<TaskPushNotificationConfig> configs = new ArrayList<>();
                while (rows.next()) {
                    configs.add(documents.readPushConfig(rows.getBytes(1)));
                }
                return configs;
            }
        });
    }

    void pending(String tenant, String taskId, String configId, long sequence) {
        outbox(Write.Key.of(tenant, taskId), configId, sequence,
                "INSERT INTO agentx_push_outbox (tenant, task_id, config_id, seq) VALUES (?, ?, ?, ?)");
    }

    void done(String tenant, String taskId, String configId, long sequence) {
        outbox(Write.Key.of(tenant, taskId), configId, sequence,
                "DELETE FROM agentx_push_outbox WHERE tenant = ? AND task_id = ? AND config_id = ? AND seq = ?");
    }

    /** Every delivery not done, with its configuration and event, in order per destination. */
    List<PendingPush> pendingDeliveries() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.body, o.seq, e.body "
                    + "FROM agentx_push_outbox o JOIN agentx_push_config c ON c.tenant = o.tenant AND c.task_id = o.task_id "
                    + "AND c.config_id = o.config_id JOIN agentx_task_event e ON e.tenant = o.tenant AND e.task_id = o.task_id "
                    + "AND e.seq = o.seq ORDER BY o.tenant, o.task_id, o.config_id, o.seq");
                    ResultSet rows = query.executeQuery()) {
                List<PendingPush> pending = new ArrayList<>();
                while (rows.next()) {
                    try {
                        pending.add(new PendingPush(documents.readPushConfig(rows.getBytes(1)), rows.getLong(2),
                                documents.readEvent(rows.getBytes(3))));
                    } catch (io.agentx.a2a.model.A2aException unreadable) {
                        LOG.warn("Skipping a stored push delivery: {}", unreadable.getMessage());
                    }
                }
                return pending;
            }
        });
    }

    private void update(Write.Key key, String configId, String sql) {
        database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, key, configId);
                return statement.executeUpdate();
            }
        });
    }

    private void outbox(Write.Key key, String configId, long sequence, String sql) {
        database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, key, configId);
                statement.setLong(4, sequence);
                return statement.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement statement, Write.Key key, String configId) throws java.sql.SQLException {
        statement.setString(1, key.tenant());
        statement.setString(2, key.taskId());
        statement.setString(3, configId);
    }
}
