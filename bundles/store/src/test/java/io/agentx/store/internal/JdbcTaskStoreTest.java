package io.agentx.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.api.PendingPush;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The durable store on real databases: embedded H2 always, PostgreSQL when the test server runs (always on CI). */
class JdbcTaskStoreTest {
    private final List<JdbcTaskStore> opened = new ArrayList<>();

    /** Each test method gets its own H2 folder; all of them are deleted after the class. */
    private static final List<java.nio.file.Path> FOLDERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static Stream<String> databases() throws IOException {
        java.nio.file.Path folder = Files.createTempDirectory("agentx-store-test");
        FOLDERS.add(folder);
        return TestDatabases.urls(folder).stream();
    }

    @AfterAll
    static void deleteFolders() throws IOException {
        for (java.nio.file.Path folder : FOLDERS) {
            try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
                for (java.nio.file.Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private JdbcTaskStore open(String url) throws Exception {
        return open(url, Map.of());
    }

    private JdbcTaskStore open(String url, Map<String, Object> overrides) throws Exception {
        JdbcTaskStore store = TestDatabases.open(url, overrides);
        opened.add(store);
        return store;
    }

    private JdbcTaskStore fresh(String url) throws Exception {
        TestDatabases.reset(url);
        return open(url);
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcTaskStore::deactivate);
    }

    static Task task(String id, String contextId, TaskState state) {
        Message message = new Message("m-" + id, contextId, id, Role.USER, List.of(Part.Text.of("hello " + id)), null,
                null, null);
        return new Task(id, contextId, new TaskStatus(state, null, Instant.now()), List.of(), List.of(message), Map.of());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSavedTaskIsFoundWholeAndOnlyInItsTenant(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        Task task = task("t1", "c1", TaskState.WORKING);
        Artifact artifact = new Artifact("a1", "answer", null, List.of(Part.Text.of("42")), Map.of(), List.of());
        Task withArtifact = new Task(task.id(), task.contextId(), task.status(), List.of(artifact), task.history(),
                Map.of("k", "v"));
        store.save("acme", withArtifact);

        assertEquals(withArtifact, store.find("acme", "t1").orElseThrow());
        assertTrue(store.find(null, "t1").isEmpty(), "another tenant does not see the task");
        assertTrue(store.find("other", "t1").isEmpty());

        Task completed = new Task("t1", "c1", new TaskStatus(TaskState.COMPLETED, null, Instant.now()), List.of(artifact),
                task.history(), Map.of());
        store.save("acme", completed);
        assertEquals(TaskState.COMPLETED, store.find("acme", "t1").orElseThrow().status().state(), "saving replaces");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTaskLargerThanTheLimitIsRefusedClearlyAndTheStoreGoesOn(String url) throws Exception {
        TestDatabases.reset(url);
        JdbcTaskStore store = open(url, Map.of("maxTaskBytes", 65_536));
        Message large = new Message("m-big", "c", "big", Role.USER, List.of(Part.Text.of("x".repeat(70_000))), null,
                null, null);
        Task big = new Task("big", "c", new TaskStatus(TaskState.COMPLETED, null, Instant.now()), List.of(),
                List.of(large), Map.of());

        A2aException refused = assertThrows(A2aException.class, () -> store.save(null, big));
        assertEquals(A2aError.INVALID_REQUEST, refused.error());
        assertTrue(refused.getMessage().contains("maxTaskBytes") && refused.getMessage().contains("task big is"),
                refused.getMessage());
        ExecutionException inBackground = assertThrows(ExecutionException.class,
                () -> store.saveAsync(null, big, null, List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(A2aError.INVALID_REQUEST, ((A2aException) inBackground.getCause()).error());

        store.save(null, task("small", "c", TaskState.COMPLETED));
        assertTrue(store.find(null, "small").isPresent(), "the store goes on");
        assertTrue(store.find(null, "big").isEmpty(), "nothing of the large task was stored");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tasksSurviveClosingAndReopeningTheDatabase(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.save(null, task("kept", "c", TaskState.COMPLETED));
        store.save(null, task("kept", "c", TaskState.COMPLETED), null, List.of(new StoredEvent(1,
                new TaskStatusUpdateEvent("kept", "c", new TaskStatus(TaskState.COMPLETED, null, Instant.now()), null))));
        store.deactivate();
        opened.remove(store);

        JdbcTaskStore reopened = open(url);
        assertEquals("kept", reopened.find(null, "kept").orElseThrow().id());
        assertEquals(1, reopened.lastSequence(null, "kept"));
        try (Connection connection = reopenedConnection(reopened); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM agentx_schema_version")) {
            rows.next();
            assertEquals(Migrations.SCRIPTS.size(), rows.getInt(1), "each migration is applied once");
        }
    }

    private static Connection reopenedConnection(JdbcTaskStore store) throws Exception {
        java.lang.reflect.Field field = JdbcTaskStore.class.getDeclaredField("database");
        field.setAccessible(true);
        return ((Database) field.get(store)).connect();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void listFiltersOrdersMostRecentFirstAndPagesWithoutRepeats(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        Instant before = Instant.now();
        for (int i = 0; i < 7; i++) {
            store.save(null, task("t" + i, i % 2 == 0 ? "even" : "odd", i < 5 ? TaskState.COMPLETED : TaskState.WORKING));
        }
        store.save("other", task("x", "even", TaskState.COMPLETED));

        ListTasksResponse all = store.list(null, new ListTasksRequest(null, null, null, 3, null, null, null, false));
        assertEquals(7, all.totalSize(), "the other tenant's task is not counted");
        assertEquals(List.of("t6", "t5", "t4"), ids(all));
        ListTasksResponse second = store.list(null, new ListTasksRequest(null, null, null, 3, all.nextPageToken(), null, null,
                false));
        assertEquals(List.of("t3", "t2", "t1"), ids(second));
        ListTasksResponse third = store.list(null, new ListTasksRequest(null, null, null, 3, second.nextPageToken(), null,
                null, false));
        assertEquals(List.of("t0"), ids(third));
        assertEquals("", third.nextPageToken(), "the last page has no next token");

        assertEquals(List.of("t6", "t4", "t2", "t0"), ids(store.list(null,
                new ListTasksRequest(null, "even", null, 50, null, null, null, false))));
        assertEquals(List.of("t6", "t5"), ids(store.list(null,
                new ListTasksRequest(null, null, TaskState.WORKING, 50, null, null, null, false))));
        assertEquals(7, store.list(null, new ListTasksRequest(null, null, null, 50, null, null, before, false)).totalSize());
        assertEquals(0, store.list(null, new ListTasksRequest(null, null, null, 50, null, null, Instant.now().plusSeconds(60),
                false)).totalSize());
        assertEquals(0, store.list(null, new ListTasksRequest(null, null, null, 50, null, 0, null, false)).tasks().get(0)
                .history().size(), "historyLength 0 drops the history");

        store.save(null, task("t0", "even", TaskState.CANCELED));
        assertEquals("t0", ids(store.list(null, new ListTasksRequest(null, null, null, 1, null, null, null, false))).get(0),
                "an update moves the task to the front");

        A2aException bad = assertThrows(A2aException.class, () -> store.list(null,
                new ListTasksRequest(null, null, null, 3, "not-a-token", null, null, false)));
        assertEquals(A2aError.INVALID_PARAMS, bad.error());
        assertTrue(bad.getMessage().contains("pageToken"), bad.getMessage());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAgentsListingHasOnlyItsTasksAndEveryPageReportsTheCountOfTheFirst(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        for (int i = 0; i < 5; i++) {
            store.save(null, task("a" + i, "c" + i, TaskState.COMPLETED), "alpha", List.of());
            store.save(null, task("b" + i, "c" + i, TaskState.COMPLETED), "beta", List.of());
        }
        ListTasksResponse first = store.list(null, "alpha", new ListTasksRequest(null, null, null, 2, null, null, null, false));
        assertEquals(List.of("a4", "a3"), ids(first));
        assertEquals(5, first.totalSize(), "beta's tasks are not counted");

        store.save(null, task("a5", "c5", TaskState.COMPLETED), "alpha", List.of());
        ListTasksResponse second = store.list(null, "alpha", new ListTasksRequest(null, null, null, 2, first.nextPageToken(),
                null, null, false));
        assertEquals(List.of("a2", "a1"), ids(second), "a task written meanwhile does not shift the pages");
        assertEquals(5, second.totalSize(), "the listing's count, taken once on its first page");
        assertEquals(List.of("a0"), ids(store.list(null, "alpha", new ListTasksRequest(null, null, null, 2,
                second.nextPageToken(), null, null, false))));
        assertEquals(6, store.list(null, "alpha", new ListTasksRequest(null, null, null, 2, null, null, null, false))
                .totalSize(), "a new listing counts again");
        assertEquals(6, store.list(null, "alpha", new ListTasksRequest(null, null, TaskState.COMPLETED, 2,
                first.nextPageToken(), null, null, false)).totalSize(), "a token passed with other filters counts again");

        String issuedBeforeCountsWereCarried = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("k:" + Long.MAX_VALUE + ":zzz").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ListTasksResponse fromOldToken = store.list(null, "alpha", new ListTasksRequest(null, null, null, 50,
                issuedBeforeCountsWereCarried, null, null, false));
        assertEquals(6, fromOldToken.tasks().size());
        assertEquals(6, fromOldToken.totalSize());
    }

    /**
     * On a large store a listing that sorts every task of its tenant takes seconds (docs/benchmarks.md): each
     * listing without a conversation filter reads an index in order, and stops after its page.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void listingsReadAnIndexInOrderInsteadOfSortingEveryTask(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.save(null, task("t1", "c1", TaskState.COMPLETED), "alpha", List.of());
        try (Connection connection = reopenedConnection(store)) {
            assertReadInOrder(connection, url, "agentx_task_by_agent", new TaskQueries.Filter("", "alpha",
                    new ListTasksRequest(null, null, null, 50, null, null, null, false)));
            assertReadInOrder(connection, url, "agentx_task_by_agent", new TaskQueries.Filter("", "alpha",
                    new ListTasksRequest(null, null, TaskState.WORKING, 50, null, null, null, false)));
            assertReadInOrder(connection, url, "agentx_task_by_update", new TaskQueries.Filter("", null,
                    new ListTasksRequest(null, null, null, 50, null, null, null, false)));
            assertReadThrough(connection, url, "agentx_task_by_context", new TaskQueries.Filter("", null,
                    new ListTasksRequest(null, "c1", null, 50, null, null, null, false)));
        }
    }

    private static void assertReadInOrder(Connection connection, String url, String index, TaskQueries.Filter filter)
            throws Exception {
        List<String> plans = plans(connection, url, filter);
        for (String plan : plans) {
            assertTrue(plan.contains(index), "the page is read through " + index + ":\n" + plan);
            assertTrue(url.startsWith("jdbc:postgresql:") ? !plan.contains("sort") : plan.contains("index sorted"),
                    "the page is read in the index's order, not sorted:\n" + plan);
        }
        String afterCursor = plans.get(1);
        java.util.regex.Matcher condition = java.util.regex.Pattern.compile(url.startsWith("jdbc:postgresql:")
                ? "index cond: ([^\n]*)" : "/\\*([^*]*)\\*/").matcher(afterCursor);
        assertTrue(condition.find() && condition.group(1).contains("updated_seq"),
                "a following page starts reading the index at its cursor:\n" + afterCursor);
    }

    /**
     * A conversation's few tasks are found through its index (and then sorted). Checked on H2 only: on a table of one
     * row PostgreSQL's planner rightly prefers any index that also gives the order.
     */
    private static void assertReadThrough(Connection connection, String url, String index, TaskQueries.Filter filter)
            throws Exception {
        if (url.startsWith("jdbc:postgresql:")) {
            return;
        }
        for (String plan : plans(connection, url, filter)) {
            assertTrue(plan.contains(index), "the page is read through " + index + ":\n" + plan);
        }
    }

    /** The plans of a listing's first and following pages, in lower case. */
    private static List<String> plans(Connection connection, String url, TaskQueries.Filter filter) throws Exception {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            try (Statement statement = connection.createStatement()) {
                // a table this small is cheaper to scan and sort: ask whether an index can serve the query at all
                statement.execute("SET enable_seqscan = off");
                statement.execute("SET enable_sort = off");
            }
        }
        try {
            List<String> plans = new ArrayList<>();
            for (boolean afterCursor : new boolean[] {false, true}) {
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + filter.pageQuery(afterCursor))) {
                    int next = filter.bind(explain);
                    if (afterCursor) {
                        explain.setLong(next++, Long.MAX_VALUE);
                        explain.setLong(next++, Long.MAX_VALUE);
                        explain.setString(next++, "zzz");
                    }
                    explain.setInt(next, 51);
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            plan.append(rows.getString(1)).append('\n');
                        }
                    }
                }
                plans.add(plan.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return plans;
        } finally {
            if (postgres) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET enable_seqscan");
                    statement.execute("RESET enable_sort");
                }
            }
        }
    }

    private static List<String> ids(ListTasksResponse response) {
        return response.tasks().stream().map(Task::id).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsAreKeptInOrderAndReadAfterAPosition(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        Task task = task("e1", "c", TaskState.WORKING);
        TaskStatusUpdateEvent working = new TaskStatusUpdateEvent("e1", "c", task.status(), null);
        TaskArtifactUpdateEvent chunk = new TaskArtifactUpdateEvent("e1", "c",
                new Artifact("a", null, null, List.of(Part.Text.of("part")), Map.of(), List.of()), true, false, null);
        TaskStatusUpdateEvent done = new TaskStatusUpdateEvent("e1", "c",
                new TaskStatus(TaskState.COMPLETED, null, Instant.now()), null);
        store.save(null, task, null, List.of(new StoredEvent(1, working)));
        store.append(null, "e1", List.of(new StoredEvent(2, chunk)));
        store.save(null, task("e1", "c", TaskState.COMPLETED), null, List.of(new StoredEvent(3, done)));

        assertEquals(List.of(new StoredEvent(1, working), new StoredEvent(2, chunk), new StoredEvent(3, done)),
                store.events(null, "e1", 0));
        assertEquals(List.of(new StoredEvent(3, done)), store.events(null, "e1", 2));
        assertEquals(List.of(), store.events(null, "e1", 3));
        assertEquals(List.of(), store.events("other", "e1", 0), "events belong to the task's tenant");
        assertEquals(3, store.lastSequence(null, "e1"));
        assertEquals(0, store.lastSequence(null, "unknown"));

        store.delete(null, "e1");
        assertTrue(store.find(null, "e1").isEmpty());
        assertEquals(List.of(), store.events(null, "e1", 0), "deleting a task deletes its events");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pushConfigsAndTheOutboxAreKeptWithTheirTask(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        TaskStatusUpdateEvent working = new TaskStatusUpdateEvent("p", "c",
                new TaskStatus(TaskState.WORKING, null, Instant.now()), null);
        store.save("acme", task("p", "c", TaskState.WORKING), null, List.of(new StoredEvent(1, working)));
        store.save("acme", task("done", "c", TaskState.COMPLETED));
        TaskPushNotificationConfig hook = new TaskPushNotificationConfig("acme", "hook", "p", "https://example.com/hook",
                "secret", new TaskPushNotificationConfig.Authentication("Bearer", "t0k"), "0.3"); // kept: its form
        store.savePushConfig(hook);
        store.savePushConfig(new TaskPushNotificationConfig("acme", "old", "done", "https://example.com/old", null, null));

        assertEquals(List.of(hook), store.pushConfigs(), "configurations of unfinished tasks, whole");
        store.savePushConfig(new TaskPushNotificationConfig("acme", "hook", "p", "https://example.com/v2", null, null));
        assertEquals("https://example.com/v2", store.pushConfigs().get(0).url(), "saving again replaces");

        store.pushPending("acme", "p", "hook", 1);
        List<PendingPush> pending = store.pendingPushes();
        assertEquals(1, pending.size());
        assertEquals(1, pending.get(0).sequence());
        assertEquals(working, pending.get(0).event(), "the event comes from the task's log");
        assertEquals("https://example.com/v2", pending.get(0).config().url());
        store.pushDone("acme", "p", "hook", 1);
        assertEquals(List.of(), store.pendingPushes());

        store.pushPending("acme", "p", "hook", 1);
        store.deletePushConfig("acme", "p", "hook");
        assertEquals(List.of(), store.pushConfigs());
        assertEquals(List.of(), store.pendingPushes(), "deleting a configuration drops its deliveries");

        A2aException refused = assertThrows(A2aException.class, () -> store.savePushConfig(
                new TaskPushNotificationConfig("acme", "x".repeat(300), "p", "https://example.com", null, null)));
        assertEquals(A2aError.INTERNAL_ERROR, refused.error(), "a statement the database refuses is not an outage");
        assertNull(store.problem(), "and the store stays healthy");

        store.savePushConfig(hook);
        store.pushPending("acme", "p", "hook", 1);
        store.delete("acme", "p");
        assertEquals(List.of(), store.pendingPushes(), "deleting the task drops its push rows");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachTaskIsFoundWithItsAgentAndAgentsListOnlyTheirOwn(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.save("acme", task("e1", "c", TaskState.COMPLETED), "echo", List.of());
        store.save("acme", task("e2", "c", TaskState.WORKING), "echo", List.of());
        store.save("acme", task("s1", "c", TaskState.COMPLETED), "summer", List.of());
        store.save("acme", task("u1", "c", TaskState.COMPLETED)); // no agent known
        store.save("other", task("e3", "c", TaskState.COMPLETED), "echo", List.of());
        ListTasksRequest all = new ListTasksRequest(null, null, null, null, null, null, null, false);

        assertEquals("echo", store.findStored("acme", "e1").orElseThrow().agentId());
        assertEquals("acme", store.findStored("acme", "e1").orElseThrow().tenant());
        assertEquals(null, store.findStored("acme", "u1").orElseThrow().agentId());
        assertTrue(store.findStored("other", "e1").isEmpty(), "only in its tenant");

        ListTasksResponse echo = store.list("acme", "echo", all);
        assertEquals(List.of("e2", "e1"), echo.tasks().stream().map(Task::id).toList(), "most recent first");
        assertEquals(2, echo.totalSize());
        assertEquals(List.of("s1"), store.list("acme", "summer", new ListTasksRequest(null, "c",
                TaskState.COMPLETED, null, null, null, null, false)).tasks().stream().map(Task::id).toList(),
                "with the request's filters");
        assertEquals(4, store.list("acme", null, all).totalSize(), "no agent: every task of the tenant");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unfinishedTasksAreThoseSubmittedOrWorking(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.save("t", task("s", "c", TaskState.SUBMITTED));
        store.save(null, task("w", "c", TaskState.WORKING));
        store.save(null, task("i", "c", TaskState.INPUT_REQUIRED));
        store.save(null, task("d", "c", TaskState.COMPLETED));

        List<StoredTask> unfinished = store.unfinished(100);
        Set<String> found = new HashSet<>();
        unfinished.forEach(stored -> found.add(stored.tenant() + "/" + stored.task().id()));
        assertEquals(Set.of("t/s", "null/w"), found);
        assertEquals(1, store.unfinished(1).size());

        store.save(null, task("w", "c", TaskState.WORKING), "counter", List.of());
        store.save(null, task("w", "c", TaskState.WORKING), null, List.of());
        assertEquals("counter", store.unfinished(100).stream().filter(stored -> stored.task().id().equals("w"))
                .findFirst().orElseThrow().agentId(), "the agent is kept; a save not naming one keeps it");
        store.save(null, task("w", "c", TaskState.WORKING), "summer", List.of());
        assertEquals("summer", store.unfinished(100).stream().filter(stored -> stored.task().id().equals("w"))
                .findFirst().orElseThrow().agentId(), "a save naming another agent replaces it");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentWritersAllLandAndABadWriteFailsOnlyItself(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 640; i++) {
                String id = "c" + i;
                // saves naming their agent, as the task manager's do
                futures.add(pool.submit(() -> store.save(null, task(id, "ctx", TaskState.COMPLETED), "echo", List.of())));
            }
            String tooLong = "x".repeat(300);
            Future<?> bad = pool.submit(() -> store.save(null, task(tooLong, "ctx", TaskState.COMPLETED)));
            for (Future<?> future : futures) {
                future.get();
            }
            Exception failure = assertThrows(Exception.class, bad::get);
            A2aException error = (A2aException) failure.getCause();
            assertEquals(A2aError.INTERNAL_ERROR, error.error(), error.getMessage());
            assertTrue(error.getMessage().contains("could not write"), error.getMessage());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(640, store.list(null, new ListTasksRequest(null, null, null, 1, null, null, null, false)).totalSize());
        assertEquals(TaskState.COMPLETED, store.find(null, "c639").orElseThrow().status().state());
        store.save(null, task("after", "ctx", TaskState.COMPLETED));
        assertTrue(store.find(null, "after").isPresent(), "the store keeps serving after a rejected write");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void backgroundSavesAreFoundOnceCompleteAndABadOneFailsOnlyItself(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        Map<String, Boolean> foundWhenComplete = new ConcurrentHashMap<>();
        for (int i = 0; i < 640; i++) {
            String id = "b" + i;
            Task task = task(id, "ctx", TaskState.COMPLETED);
            CompletableFuture<Void> save = store.saveAsync(null, task, "echo", List.of(new StoredEvent(1,
                    new TaskStatusUpdateEvent(id, "ctx", task.status(), null)))).toCompletableFuture();
            // what follows a save runs once it is committed: the task is there to be read
            saves.add(save.thenRun(() -> foundWhenComplete.put(id, store.find(null, id).isPresent())));
        }
        CompletableFuture<Void> bad = store.saveAsync(null, task("x".repeat(300), "ctx", TaskState.COMPLETED), "echo",
                List.of()).toCompletableFuture();
        for (CompletableFuture<Void> save : saves) {
            save.get(30, TimeUnit.SECONDS);
        }
        assertEquals(640, foundWhenComplete.size());
        assertTrue(foundWhenComplete.values().stream().allMatch(found -> found), "every task readable once its save completed");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        A2aException error = (A2aException) failure.getCause();
        assertEquals(A2aError.INTERNAL_ERROR, error.error(), error.getMessage());
        assertTrue(error.getMessage().contains("could not write"), error.getMessage());
        assertEquals(1, store.events(null, "b639", 0).size(), "the events were saved with their task");

        store.deactivate();
        CompletableFuture<Void> afterClose = store.saveAsync(null, task("late", "ctx", TaskState.COMPLETED), "echo",
                List.of()).toCompletableFuture();
        ExecutionException closed = assertThrows(ExecutionException.class, () -> afterClose.get(1, TimeUnit.SECONDS));
        assertEquals(A2aError.STORE_UNAVAILABLE, ((A2aException) closed.getCause()).error());
        assertTrue(closed.getCause().getMessage().contains("closing"), closed.getCause().getMessage());
        opened.remove(store);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void retentionDeletesOnlyOldFinishedTasksAndTheirEvents(String url) throws Exception {
        JdbcTaskStore store = open(url, Map.of("retentionHours", 1L));
        TestDatabases.reset(url);
        store.deactivate();
        opened.remove(store);
        store = open(url, Map.of("retentionHours", 1L));
        store.save(null, task("old-done", "c", TaskState.COMPLETED), null, List.of(new StoredEvent(1,
                new TaskStatusUpdateEvent("old-done", "c", new TaskStatus(TaskState.COMPLETED, null, Instant.now()), null))));
        store.save(null, task("old-working", "c", TaskState.WORKING));
        store.save(null, task("new-done", "c", TaskState.COMPLETED));
        try (Connection connection = reopenedConnection(store); Statement statement = connection.createStatement()) {
            long twoHoursAgo = UpdateOrder.micros(Instant.now().minusSeconds(7200));
            statement.executeUpdate("UPDATE agentx_task SET updated_seq = " + twoHoursAgo
                    + " WHERE task_id IN ('old-done', 'old-working')");
        }

        assertEquals(1, store.sweep());
        assertTrue(store.find(null, "old-done").isEmpty());
        assertEquals(List.of(), store.events(null, "old-done", 0));
        assertTrue(store.find(null, "old-working").isPresent(), "unfinished tasks are kept however old");
        assertTrue(store.find(null, "new-done").isPresent());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void retentionSweepsEveryTenantInBatchesPastTheTasksItKeeps(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.deactivate();
        opened.remove(store);
        store = open(url, Map.of("retentionHours", 1L));
        int perTenant = Retention.BATCH + Retention.BATCH / 2;
        List<java.util.concurrent.CompletionStage<Void>> writes = new ArrayList<>();
        for (String tenant : new String[] {null, "acme", "zeta"}) {
            for (int i = 0; i < perTenant; i++) {
                writes.add(store.saveAsync(tenant, task("old-" + i, "c", i % 100 == 0 ? TaskState.INPUT_REQUIRED
                        : TaskState.COMPLETED), "echo", List.of()));
            }
            writes.add(store.saveAsync(tenant, task("new", "c", TaskState.COMPLETED), "echo", List.of()));
        }
        for (java.util.concurrent.CompletionStage<Void> write : writes) {
            write.toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        try (Connection connection = reopenedConnection(store); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE agentx_task SET updated_seq = updated_seq - 7200000000 WHERE task_id <> 'new'");
        }

        int waiting = perTenant / 100 + 1;
        assertEquals(3 * (perTenant - waiting), store.sweep(), "every old finished task of every tenant, over batches");
        for (String tenant : new String[] {null, "acme", "zeta"}) {
            ListTasksResponse left = store.list(tenant, new ListTasksRequest(null, null, null, 100, null, null, null, false));
            assertEquals(waiting + 1, left.totalSize(), "the recent task and the ones waiting for input are kept");
            assertTrue(left.tasks().stream().allMatch(task -> task.id().equals("new")
                    || task.status().state() == TaskState.INPUT_REQUIRED), ids(left).toString());
        }
        assertEquals(0, store.sweep(), "nothing is left to delete");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theRetentionSweepRunsInTheBackgroundAtItsInterval(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.deactivate();
        opened.remove(store);
        store = open(url, Map.of("retentionHours", 1L, "purgeIntervalSeconds", 1L));
        store.save(null, task("aged", "c", TaskState.CANCELED));
        store.save(null, task("recent", "c", TaskState.CANCELED));
        try (Connection connection = reopenedConnection(store); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE agentx_task SET updated_seq = "
                    + UpdateOrder.micros(Instant.now().minusSeconds(7200)) + " WHERE task_id = 'aged'");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (store.find(null, "aged").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(store.find(null, "aged").isEmpty(), "deleted by the background sweep, no one called it");
        assertTrue(store.find(null, "recent").isPresent());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSchemaFromANewerAgentxIsRefusedWithAClearError(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        try (Connection connection = reopenedConnection(store); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO agentx_schema_version (version, script, applied_at) VALUES (99, 'V99__future.sql', 0)");
        }
        store.deactivate();
        opened.remove(store);

        JdbcTaskStore newer = open(url);
        A2aException error = assertThrows(A2aException.class, () -> newer.find(null, "x"));
        assertEquals(A2aError.STORE_UNAVAILABLE, error.error());
        assertTrue(error.getMessage().contains("version 99") && error.getMessage().contains("newer AgentX"),
                error.getMessage());
        assertFalse(newer.problem() == null, "the store reports why it cannot serve");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseAnOlderAgentxWroteIsMigratedKeepingItsTasks(String url) throws Exception {
        JdbcTaskStore store = fresh(url);
        store.save(null, task("from-v2", "c", TaskState.INPUT_REQUIRED));
        // the schema as AgentX left it before V3 (no agent column, nor V4's index on it), with the task in it
        try (Connection connection = reopenedConnection(store); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX agentx_task_by_agent");
            statement.execute("ALTER TABLE agentx_task DROP COLUMN agent_id");
            statement.executeUpdate("DELETE FROM agentx_schema_version WHERE version >= 3");
        }
        store.deactivate();
        opened.remove(store);

        JdbcTaskStore upgraded = open(url);
        assertEquals(TaskState.INPUT_REQUIRED, upgraded.find(null, "from-v2").orElseThrow().status().state());
        assertEquals(null, upgraded.findStored(null, "from-v2").orElseThrow().agentId(), "no agent was recorded then");
        upgraded.save(null, task("after", "c", TaskState.WORKING), "echo", List.of());
        assertEquals("echo", upgraded.findStored(null, "after").orElseThrow().agentId(), "the new column is in use");
        try (Connection connection = reopenedConnection(upgraded); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM agentx_schema_version")) {
            rows.next();
            assertEquals(Migrations.SCRIPTS.size(), rows.getInt(1));
        }
    }
}
