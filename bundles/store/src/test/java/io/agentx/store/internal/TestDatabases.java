package io.agentx.store.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * The databases the store tests run on: a fresh embedded H2 file, and the PostgreSQL server named by
 * {@code AGENTX_TEST_PG_URL} (started by {@code scripts/postgres-for-tests.sh}; required when {@code CI} is set).
 */
final class TestDatabases {
    private TestDatabases() {
    }

    static List<String> urls(Path folder) {
        List<String> urls = new ArrayList<>();
        urls.add("jdbc:h2:file:" + folder.resolve("tasks") + ";WRITE_DELAY=0");
        String postgres = System.getenv("AGENTX_TEST_PG_URL");
        if (postgres != null) {
            urls.add(postgres);
        } else if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the store tests on PostgreSQL too: set AGENTX_TEST_PG_URL "
                    + "(scripts/postgres-for-tests.sh start)");
        }
        return urls;
    }

    static boolean postgresAvailable() {
        return System.getenv("AGENTX_TEST_PG_URL") != null;
    }

    /** The drivers as their bundles register them, with the real DataSourceFactory implementations. */
    static Drivers drivers() {
        Drivers drivers = new Drivers();
        drivers.add(new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()),
                Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"));
        drivers.add(new org.postgresql.osgi.PGDataSourceFactory(),
                Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.postgresql.Driver"));
        return drivers;
    }

    /** Store settings: the declared defaults with some overridden; user and password from the environment. */
    static StoreConfig config(String url, Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(overrides);
        values.putIfAbsent("url", url);
        if (url.startsWith("jdbc:postgresql:")) {
            values.putIfAbsent("user", System.getenv().getOrDefault("AGENTX_TEST_PG_USER", "agentx"));
            values.putIfAbsent("password", System.getenv().getOrDefault("AGENTX_TEST_PG_PASSWORD", "agentx"));
        }
        return (StoreConfig) Proxy.newProxyInstance(StoreConfig.class.getClassLoader(), new Class<?>[] {StoreConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? StoreConfig.class
                        : values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    /** A store on a database, opened as the framework would open it. */
    static JdbcTaskStore open(String url, Map<String, Object> overrides) {
        JdbcTaskStore store = new JdbcTaskStore();
        Drivers drivers = drivers();
        store.useDrivers(drivers);
        store.activate(config(url, overrides), null);
        return store;
    }

    /** Empties a PostgreSQL database shared between tests (an H2 file is fresh for each test). */
    static void reset(String url) throws SQLException {
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, System.getenv().getOrDefault("AGENTX_TEST_PG_USER",
                "agentx"), System.getenv().getOrDefault("AGENTX_TEST_PG_PASSWORD", "agentx"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS agentx_push_outbox, agentx_push_config, agentx_task_event, agentx_task, "
                    + "agentx_schema_version");
        }
    }
}
