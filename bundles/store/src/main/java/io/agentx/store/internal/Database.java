package io.agentx.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: a connection pool over the driver's DataSourceFactory, opened on first need, with the
 * schema migrated before the first connection is handed out. Every failure to reach it becomes a
 * STORE_UNAVAILABLE error naming the URL and the cause; the next call tries again, so service resumes by itself
 * when the database is back. Up/down changes are logged once each.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final String url;
    private final Dialect dialect;
    private final Drivers drivers;
    private final StoreConfig config;
    private final SchemaReady onSchemaReady;
    private volatile HikariDataSource pool;
    private volatile boolean migrated;
    private volatile String problem = "not connected yet";
    private volatile boolean closed;

    /** What runs once the schema is up to date, on the connection that brought it there. */
    interface SchemaReady {
        void run(Connection connection) throws SQLException;
    }

    /** @param onSchemaReady runs once, on the first connection after the schema is up to date */
    Database(String url, Drivers drivers, StoreConfig config, SchemaReady onSchemaReady) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.drivers = drivers;
        this.config = config;
        this.onSchemaReady = onSchemaReady;
    }

    String url() {
        return url;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Why the database cannot be used now, or {@code null} if the last attempt succeeded. */
    String problem() {
        return problem;
    }

    /** A pooled connection (auto-commit on) to an up-to-date schema. */
    Connection connect() {
        try {
            Connection connection = pool().getConnection();
            if (!migrated) {
                prepare(connection);
            }
            up();
            return connection;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The error a request gets when the database failed it; logs the change from up to down. */
    A2aException unavailable(SQLException e) {
        String cause = describe(e);
        if (problem == null) {
            LOG.error("Task store lost its database {}: {}; requests fail with STORE_UNAVAILABLE until it is back", url,
                    cause);
        }
        problem = cause;
        return new A2aException(A2aError.STORE_UNAVAILABLE, "the task store cannot reach its database " + url + ": "
                + cause + "; nothing was stored, retry later");
    }

    /**
     * Whether a connection that just failed a statement still works (the statement was at fault, not the link).
     * A broken one is evicted from the pool, so the next call gets a fresh connection.
     */
    boolean usable(Connection connection) {
        boolean valid;
        try {
            valid = connection.isValid(1);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            HikariDataSource current = pool;
            if (current != null) {
                current.evictConnection(connection);
            }
        }
        return valid;
    }

    /** A read of the database. */
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs a read on a pooled connection; once more on a fresh connection if the first one turned out broken
     * (a pooled connection that went stale while the database was away).
     */
    <T> T read(Read<T> read) {
        for (int attempt = 1; ; attempt++) {
            Connection connection = connect();
            try {
                return read.apply(connection);
            } catch (SQLException e) {
                // judged while the connection is still open: a closed one would always look broken
                boolean linkWorks = usable(connection);
                if (linkWorks) {
                    throw new A2aException(A2aError.INTERNAL_ERROR, "the task store could not complete a request: "
                            + e.getMessage());
                }
                if (attempt > 1) {
                    throw unavailable(e);
                }
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool discards it
        }
    }

    private void up() {
        if (problem != null) {
            problem = null;
            LOG.info("Task store connected to {}", url);
        }
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (closed) {
            throw new SQLException("the task store is closed (its bundle stopped or is being reconfigured)");
        }
        if (pool == null) {
            DataSourceFactory factory = drivers.find(dialect.driverClass());
            if (factory == null) {
                throw new SQLException("no JDBC driver for " + dialect.driverClass() + " is installed (a bundle "
                        + "registering a DataSourceFactory with osgi.jdbc.driver.class=" + dialect.driverClass() + ")");
            }
            Properties properties = new Properties();
            properties.setProperty(DataSourceFactory.JDBC_URL, url);
            if (!config.user().isEmpty()) {
                properties.setProperty(DataSourceFactory.JDBC_USER, config.user());
            }
            if (!config.password().isEmpty()) {
                properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
            }
            HikariConfig settings = new HikariConfig();
            settings.setPoolName("agentx-store");
            settings.setDataSource(factory.createDataSource(properties));
            settings.setMaximumPoolSize(config.poolSize());
            settings.setMinimumIdle(Math.min(2, config.poolSize()));
            settings.setConnectionTimeout(config.connectTimeoutMillis());
            settings.setValidationTimeout(Math.min(1000, config.connectTimeoutMillis()));
            settings.setInitializationFailTimeout(-1); // start without the database; connect on first need
            pool = new HikariDataSource(settings);
        }
        return pool;
    }

    private synchronized void prepare(Connection connection) throws SQLException {
        if (!migrated) {
            try {
                Migrations.apply(connection);
                onSchemaReady.run(connection);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
            migrated = true;
        }
    }

    private static String describe(SQLException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage();
        return cause == e || message.contains(String.valueOf(cause.getMessage())) ? message
                : message + " (" + cause + ")";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
