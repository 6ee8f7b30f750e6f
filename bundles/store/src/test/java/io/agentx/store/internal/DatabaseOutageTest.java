package io.agentx.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.TaskState;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database going away and coming back, on PostgreSQL behind a TCP proxy the test cuts: requests fail fast
 * with STORE_UNAVAILABLE naming the database, and the store serves again by itself once it is reachable.
 */
class DatabaseOutageTest {

    @Test
    void aStoreStartedWithoutItsDatabaseServesOnceTheDatabaseIsThere() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable() || System.getenv("CI") != null, "no PostgreSQL test server");
        URI target = URI.create(System.getenv("AGENTX_TEST_PG_URL").substring("jdbc:".length()));
        TestDatabases.reset(System.getenv("AGENTX_TEST_PG_URL"));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            proxy.cut();
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
            JdbcTaskStore store = TestDatabases.open(url, Map.of("connectTimeoutMillis", 500L));
            try {
                long started = System.nanoTime();
                A2aException down = assertThrows(A2aException.class,
                        () -> store.save(null, JdbcTaskStoreTest.task("t", "c", TaskState.SUBMITTED)));
                assertEquals(A2aError.STORE_UNAVAILABLE, down.error());
                assertTrue(down.getMessage().contains(url), "names the database: " + down.getMessage());
                assertTrue(System.nanoTime() - started < 5_000_000_000L, "fails within the connect timeout, no hang");
                assertTrue(store.problem() != null);

                proxy.restore();
                store.save(null, JdbcTaskStoreTest.task("t", "c", TaskState.SUBMITTED));
                assertTrue(store.find(null, "t").isPresent());
                assertNull(store.problem(), "the store reports itself healthy again");

                proxy.cut();
                A2aException lost = assertThrows(A2aException.class, () -> store.find(null, "t"));
                assertEquals(A2aError.STORE_UNAVAILABLE, lost.error(), lost.getMessage());
                A2aException write = assertThrows(A2aException.class,
                        () -> store.save(null, JdbcTaskStoreTest.task("u", "c", TaskState.SUBMITTED)));
                assertEquals(A2aError.STORE_UNAVAILABLE, write.error(), write.getMessage());
                java.util.concurrent.CompletableFuture<Void> background = store.saveAsync(null,
                        JdbcTaskStoreTest.task("v", "c", TaskState.COMPLETED), "echo", java.util.List.of()).toCompletableFuture();
                java.util.concurrent.ExecutionException notSaved = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> background.get(10, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(A2aError.STORE_UNAVAILABLE, ((A2aException) notSaved.getCause()).error(),
                        notSaved.getCause().getMessage());

                proxy.restore();
                store.save(null, JdbcTaskStoreTest.task("u", "c", TaskState.SUBMITTED));
                assertEquals(2, store.list(null, new io.agentx.a2a.model.ListTasksRequest(null, null, null, 10, null, null,
                        null, false)).totalSize(), "nothing acknowledged was lost, service resumed by itself");
            } finally {
                store.deactivate();
            }
        }
    }

    @Test
    void healthFollowsTheDatabaseWithoutAnyTraffic() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable() || System.getenv("CI") != null, "no PostgreSQL test server");
        URI target = URI.create(System.getenv("AGENTX_TEST_PG_URL").substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
            JdbcTaskStore store = TestDatabases.open(url, Map.of("connectTimeoutMillis", 500L));
            try {
                assertNull(store.problem(), "reachable at start");
                proxy.cut();
                String problem = awaitProblem(store, true);
                assertTrue(problem.contains(url), "names the database: " + problem);
                proxy.restore();
                assertNull(awaitProblem(store, false), "healthy again by itself");
            } finally {
                store.deactivate();
            }
        }
    }

    private static String awaitProblem(JdbcTaskStore store, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            String problem = store.problem();
            if ((problem != null) == present) {
                return problem;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the store's problem did not " + (present ? "appear" : "clear") + ": " + store.problem());
    }
}
