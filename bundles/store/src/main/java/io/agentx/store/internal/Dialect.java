package io.agentx.store.internal;

/** What differs between the databases the store supports: the driver to look for and the upsert statements. */
enum Dialect {
    H2("jdbc:h2:", "org.h2.Driver",
            "MERGE INTO agentx_task (tenant, task_id, context_id, state, status_time, updated_seq, body, agent_id) "
                    + "KEY (tenant, task_id) VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT agent_id FROM agentx_task "
                    + "WHERE tenant = ? AND task_id = ?)))",
            "MERGE INTO agentx_task_event (tenant, task_id, seq, body) KEY (tenant, task_id, seq) VALUES (?, ?, ?, ?)"),
    POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver",
            "INSERT INTO agentx_task (tenant, task_id, context_id, state, status_time, updated_seq, body, agent_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, task_id) DO UPDATE SET "
                    + "context_id = EXCLUDED.context_id, state = EXCLUDED.state, status_time = EXCLUDED.status_time, "
                    + "updated_seq = EXCLUDED.updated_seq, body = EXCLUDED.body, "
                    + "agent_id = COALESCE(EXCLUDED.agent_id, agentx_task.agent_id)",
            "INSERT INTO agentx_task_event (tenant, task_id, seq, body) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (tenant, task_id, seq) DO NOTHING");

    private final String urlPrefix;
    private final String driverClass;
    private final String upsertTask;
    private final String insertEvent;

    Dialect(String urlPrefix, String driverClass, String upsertTask, String insertEvent) {
        this.urlPrefix = urlPrefix;
        this.driverClass = driverClass;
        this.upsertTask = upsertTask;
        this.insertEvent = insertEvent;
    }

    /** The dialect of a JDBC URL. */
    static Dialect of(String url) {
        for (Dialect dialect : values()) {
            if (url.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("the task store supports jdbc:h2: and jdbc:postgresql: URLs, not '" + url + "'");
    }

    /** The {@code osgi.jdbc.driver.class} of the DataSourceFactory to use. */
    String driverClass() {
        return driverClass;
    }

    /**
     * Inserts or replaces a task row: tenant, task id, context id, state, status time, update order, body, agent
     * (a {@code null} agent keeps the one stored). For H2, tenant and task id are bound again after the agent.
     */
    String upsertTask() {
        return upsertTask;
    }

    /** Whether {@link #upsertTask} takes tenant and task id a second time, after the agent. */
    boolean upsertRepeatsKey() {
        return this == H2;
    }

    /** Appends an event, doing nothing if it is already there (so that a retried commit writes it once). */
    String insertEvent() {
        return insertEvent;
    }
}
