package io.agentx.store.internal;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The store's reads, each on a pooled connection of its own. */
final class TaskQueries {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskQueries.class);
    static final int DEFAULT_PAGE_SIZE = 50;

    private final Database database;
    private final Documents documents;

    TaskQueries(Database database, Documents documents) {
        this.database = database;
        this.documents = documents;
    }

    Optional<Task> find(Write.Key key) {
        return findStored(key).map(StoredTask::task);
    }

    Optional<StoredTask> findStored(Write.Key key) {
        String tenant = key.tenant().isEmpty() ? null : key.tenant(); // stored "", the default tenant
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT body, agent_id FROM agentx_task WHERE tenant = ? AND task_id = ?")) {
                query.setString(1, key.tenant());
                query.setString(2, key.taskId());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new StoredTask(tenant, documents.readTask(rows.getBytes(1)),
                            rows.getString(2))) : Optional.<StoredTask>empty();
                }
            }
        });
    }

    List<StoredEvent> events(Write.Key key, long after) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, body FROM agentx_task_event "
                    + "WHERE tenant = ? AND task_id = ? AND seq > ? ORDER BY seq")) {
                query.setString(1, key.tenant());
                query.setString(2, key.taskId());
                query.setLong(3, after);
                List<StoredEvent> events = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(new StoredEvent(rows.getLong(1), documents.readEvent(rows.getBytes(2))));
                    }
                }
                return events;
            }
        });
    }

    long lastSequence(Write.Key key) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT MAX(seq) FROM agentx_task_event WHERE tenant = ? AND task_id = ?")) {
                query.setString(1, key.tenant());
                query.setString(2, key.taskId());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    List<StoredTask> unfinished(int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT tenant, body, agent_id, task_id FROM agentx_task "
                    + "WHERE state IN (?, ?) ORDER BY updated_seq LIMIT ?")) {
                query.setString(1, TaskState.SUBMITTED.name());
                query.setString(2, TaskState.WORKING.name());
                query.setInt(3, limit);
                List<StoredTask> tasks = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String tenant = rows.getString(1);
                        try {
                            tasks.add(new StoredTask(tenant.isEmpty() ? null : tenant, documents.readTask(rows.getBytes(2)),
                                    rows.getString(3)));
                        } catch (io.agentx.a2a.model.A2aException unreadable) {
                            LOG.warn("Skipping stored task {} at recovery: {}", rows.getString(4), unreadable.getMessage());
                        }
                    }
                }
                return tasks;
            }
        });
    }

    /** The highest update order stored, so that new updates sort after every stored one. */
    long lastUpdateOrder(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(updated_seq) FROM agentx_task");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** @param agentId the agent whose tasks are listed, or {@code null} for every agent's */
    ListTasksResponse list(String tenant, String agentId, ListTasksRequest request) {
        int size = request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize();
        PageCursor cursor = PageCursor.parse(request.pageToken());
        Filter filter = new Filter(tenant == null ? "" : tenant, agentId, request);
        return database.read(connection -> {
            List<Task> page = new ArrayList<>();
            long lastOrder = 0;
            String lastId = null;
            boolean more = false;
            try (PreparedStatement query = connection.prepareStatement(filter.pageQuery(cursor != null))) {
                int next = filter.bind(query);
                if (cursor != null) {
                    query.setLong(next++, cursor.updateOrder());
                    query.setLong(next++, cursor.updateOrder());
                    query.setString(next++, cursor.taskId());
                }
                query.setInt(next, size + 1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (page.size() == size) {
                            more = true;
                            break;
                        }
                        lastOrder = rows.getLong(2);
                        lastId = rows.getString(1);
                        page.add(shape(documents.readTask(rows.getBytes(3)), request));
                    }
                }
            }
            String fingerprint = filter.fingerprint();
            int total = cursor != null ? cursor.totalFor(fingerprint) : more ? -1 : page.size(); // one page: all of them
            if (total < 0) {
                total = count(connection, filter);
            }
            String nextToken = more && lastId != null ? new PageCursor(lastOrder, lastId, total, fingerprint).token() : "";
            return new ListTasksResponse(page, nextToken, size, total);
        });
    }

    /** Counts a listing's matches once, on its first page: on a large store that is the expensive part. */
    private static int count(Connection connection, Filter filter) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(filter.countQuery())) {
            filter.bind(count);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Task shape(Task task, ListTasksRequest request) {
        Task shaped = request.includeArtifacts() ? task : task.withoutArtifacts();
        return shaped.withHistoryLength(request.historyLength() == null ? 0 : request.historyLength());
    }

    /** ListTasks' queries for one set of filters, and their parameters. */
    record Filter(String tenant, String agentId, ListTasksRequest request) {
        /**
         * Strictly after a cursor (update order, task id) in the listing's order. The bare {@code updated_seq <= ?} is
         * what lets H2 start reading the index at the cursor; an OR alone would have it read every entry before it.
         */
        static final String AFTER_CURSOR = " AND updated_seq <= ? AND (updated_seq < ? OR task_id < ?)";

        /** A page, most recently updated first; {@code afterCursor} adds the cursor's three parameters. */
        String pageQuery(boolean afterCursor) {
            return "SELECT task_id, updated_seq, body FROM agentx_task" + where()
                    + (afterCursor ? AFTER_CURSOR : "")
                    + orderBy() + " LIMIT ?";
        }

        String countQuery() {
            return "SELECT COUNT(*) FROM agentx_task" + where();
        }

        /** Tells these filters from others, so that a page token carries its count only to the same listing. */
        String fingerprint() {
            return Integer.toHexString(java.util.Objects.hash(tenant, agentId, request.contextId(), request.status(),
                    request.statusTimestampAfter()));
        }

        private String where() {
            return " WHERE tenant = ?" + (agentId != null ? " AND agent_id = ?" : "")
                    + (request.contextId() != null ? " AND context_id = ?" : "")
                    + (request.status() != null ? " AND state = ?" : "")
                    + (request.statusTimestampAfter() != null ? " AND status_time >= ?" : "");
        }

        /**
         * The order names the leading columns of the index that holds the rows in it, though the WHERE fixes them:
         * H2 reads an index in order (instead of reading every matching row and sorting them) only when the ORDER BY
         * starts with the index's first column. PostgreSQL plans both forms alike. A conversation's tasks are few, so
         * they are found through their context's index and sorted.
         */
        private String orderBy() {
            if (request.contextId() != null) {
                return " ORDER BY updated_seq DESC, task_id DESC";
            }
            return agentId != null ? " ORDER BY tenant, agent_id, updated_seq DESC, task_id DESC"
                    : " ORDER BY tenant, updated_seq DESC, task_id DESC";
        }

        /** Binds the parameters and returns the index of the next one. */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            statement.setString(index++, tenant);
            if (agentId != null) {
                statement.setString(index++, agentId);
            }
            if (request.contextId() != null) {
                statement.setString(index++, request.contextId());
            }
            if (request.status() != null) {
                statement.setString(index++, request.status().name());
            }
            if (request.statusTimestampAfter() != null) {
                statement.setLong(index++, UpdateOrder.micros(request.statusTimestampAfter()));
            }
            return index;
        }
    }
}
