package io.agentx.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date: numbered scripts ({@code migrations/V<n>__<what>.sql}) are applied in
 * order, each once, and recorded in {@code agentx_schema_version}. A database newer than this bundle is refused.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The scripts, in order; a new schema change is a new script added at the end, never an edit. */
    static final List<String> SCRIPTS = List.of("V1__tasks.sql", "V2__push.sql", "V3__task_agent.sql",
            "V4__task_by_agent.sql");

    private Migrations() {
    }

    /** Applies the scripts the database has not seen yet; returns the schema version it is at now. */
    static int apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS agentx_schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            int current = currentVersion(connection);
            if (current > SCRIPTS.size()) {
                throw new SQLException("the database schema is at version " + current + " but this AgentX knows only up to "
                        + SCRIPTS.size() + "; it was written by a newer AgentX");
            }
            connection.setAutoCommit(false);
            for (int version = current + 1; version <= SCRIPTS.size(); version++) {
                String script = SCRIPTS.get(version - 1);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(read(script))) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO agentx_schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.setLong(3, System.currentTimeMillis());
                    record.executeUpdate();
                }
                connection.commit();
                LOG.info("Task store schema migrated to version {} ({})", version, script);
            }
            return SCRIPTS.size();
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM agentx_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The statements of a script: separated by a semicolon at the end of a line; {@code --} lines are comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String script) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new SQLException("migration script " + script + " is missing from the store bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration script " + script + ": " + e.getMessage(), e);
        }
    }
}
