package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The task manager's view of the store while store services come and go. */
class StoreGateTest {

    /** A store keeping tasks in a map; it can be told to act as if it were closing. */
    static class MapStore implements TaskStore {
        final Map<String, Task> tasks = new ConcurrentHashMap<>();
        volatile boolean closing;

        @Override
        public void save(String tenant, Task task) {
            if (closing) {
                throw new A2aException(A2aError.STORE_UNAVAILABLE, "the task store is closing");
            }
            tasks.put(task.id(), task);
        }

        @Override
        public void delete(String tenant, String taskId) {
            tasks.remove(taskId);
        }

        @Override
        public Optional<Task> find(String tenant, String taskId) {
            return Optional.ofNullable(tasks.get(taskId));
        }

        @Override
        public ListTasksResponse list(String tenant, ListTasksRequest request) {
            return new ListTasksResponse(List.copyOf(tasks.values()), "", 50, tasks.size());
        }
    }

    private static Task task(String id) {
        return new Task(id, "c", new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(), List.of(), Map.of());
    }

    private static StoreGate.Candidate durable(TaskStore store, long id) {
        return new StoreGate.Candidate(store, 100, id, true);
    }

    private static StoreGate.Candidate memory(TaskStore store) {
        return new StoreGate.Candidate(store, -100, 1, false);
    }

    @Test
    void everyStoreOperationIsPassedOnNotLeftToTheInterfacesDefault() throws Exception {
        for (java.lang.reflect.Method method : TaskStore.class.getMethods()) {
            assertEquals(StoreGate.class, StoreGate.class.getMethod(method.getName(), method.getParameterTypes())
                    .getDeclaringClass(), method + " must reach the store in use");
        }
    }

    @Test
    void theBestRankedStoreIsUsedAndADurableOneArrivingTriggersRecovery() {
        AtomicInteger recoveries = new AtomicInteger();
        StoreGate gate = new StoreGate(1000, recoveries::incrementAndGet, () -> false);
        MapStore inMemory = new MapStore();
        MapStore database = new MapStore();
        gate.add(memory(inMemory));
        gate.save(null, task("a"));
        gate.add(durable(database, 2));
        gate.save(null, task("b"));
        assertEquals(List.of("a"), List.copyOf(inMemory.tasks.keySet()));
        assertEquals(List.of("b"), List.copyOf(database.tasks.keySet()));
        assertEquals(1, recoveries.get());
    }

    @Test
    void duringASwapCallsWaitForTheDurableStoreInsteadOfWritingToMemory() throws Exception {
        MapStore inMemory = new MapStore();
        StoreGate gate = midSwap(inMemory);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> gate.save(null, task("during")));
        durableComesBack(gate, inMemory, waiting);
    }

    @Test
    void aBackgroundSaveDuringASwapHoldsNoThreadOfTheCallerAndLandsInTheStoreThatCameBack() throws Exception {
        MapStore inMemory = new MapStore();
        StoreGate gate = midSwap(inMemory);
        long started = System.nanoTime();
        CompletableFuture<Void> saved = gate.saveAsync(null, task("during"), "echo", List.of()).toCompletableFuture();
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "the caller is not held through the swap");
        durableComesBack(gate, inMemory, saved);
    }

    /** A gate over an in-memory store whose durable store just went away. */
    private static StoreGate midSwap(MapStore inMemory) {
        StoreGate gate = new StoreGate(10_000, () -> { }, () -> false);
        MapStore before = new MapStore();
        gate.add(memory(inMemory));
        gate.add(durable(before, 2));
        gate.remove(before);
        return gate;
    }

    /** The write of task "during" waits until a durable store comes back, then lands there and not in memory. */
    private static void durableComesBack(StoreGate gate, MapStore inMemory, CompletableFuture<Void> waiting)
            throws Exception {
        Thread.sleep(200);
        assertTrue(!waiting.isDone(), "the write waits while no durable store is there");
        MapStore after = new MapStore();
        gate.add(durable(after, 3));
        waiting.get(5, TimeUnit.SECONDS);
        assertTrue(after.tasks.containsKey("during"), "the write went to the store that came back");
        assertTrue(inMemory.tasks.isEmpty(), "nothing was written to memory meanwhile");
    }

    @Test
    void atStartCallsWaitForTheDurableStoreOfAnInstalledStoreBundleInsteadOfWritingToMemory() throws Exception {
        StoreGate gate = new StoreGate(10_000, () -> { }, () -> false);
        gate.awaitDurableFrom(List.of("io.agentx.store"));
        MapStore inMemory = new MapStore();
        gate.add(memory(inMemory));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> gate.save(null, task("during")));
        durableComesBack(gate, inMemory, waiting);
    }

    @Test
    void aDurableStoreThatDoesNotStartInTimeFailsCallsNamingItsBundleThenServesOnceItArrives() {
        StoreGate gate = new StoreGate(100, () -> { }, () -> false);
        gate.awaitDurableFrom(List.of("io.agentx.store"));
        MapStore inMemory = new MapStore();
        gate.add(memory(inMemory));
        A2aException refused = assertThrows(A2aException.class, () -> gate.save(null, task("early")));
        assertEquals(A2aError.STORE_UNAVAILABLE, refused.error());
        assertTrue(refused.getMessage().contains("durable task store of io.agentx.store has not started"),
                refused.getMessage());
        assertTrue(inMemory.tasks.isEmpty(), "nothing acknowledged from memory");
        MapStore database = new MapStore();
        gate.add(durable(database, 2));
        gate.save(null, task("later"));
        assertTrue(database.tasks.containsKey("later"));
    }

    @Test
    void withNoStoreBundleToWaitForTheInMemoryStoreServesAtOnce() {
        StoreGate gate = new StoreGate(10_000, () -> { }, () -> false);
        gate.awaitDurableFrom(List.of());
        MapStore inMemory = new MapStore();
        gate.add(memory(inMemory));
        long started = System.nanoTime();
        gate.save(null, task("a"));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "no wait");
        assertTrue(inMemory.tasks.containsKey("a"));
    }

    @Test
    void aBackgroundSaveFailingBecauseItsStoreClosedIsRetriedOnTheReplacement() throws Exception {
        StoreGate gate = new StoreGate(5_000, () -> { }, () -> false);
        MapStore replacement = new MapStore();
        TaskStore closingUnderIt = new MapStore() {
            @Override
            public java.util.concurrent.CompletionStage<Void> saveAsync(String tenant, Task task, String agentId,
                    List<io.agentx.api.StoredEvent> events) {
                gate.remove(this);
                gate.add(durable(replacement, 3));
                return CompletableFuture.failedFuture(new A2aException(A2aError.STORE_UNAVAILABLE, "the task store is closing"));
            }
        };
        gate.add(durable(closingUnderIt, 2));
        gate.saveAsync(null, task("retried"), "echo", List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(replacement.tasks.containsKey("retried"));

        MapStore down = new MapStore();
        down.closing = true;
        gate.add(durable(down, 4));
        gate.remove(replacement);
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> gate.saveAsync(null, task("x"), "echo", List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(A2aError.STORE_UNAVAILABLE, ((A2aException) failed.getCause()).error(),
                "a store that is down, not swapped, fails the save without retry");
        gate.close();
    }

    @Test
    void aDurableStoreThatDoesNotComeBackInTimeFailsCallsClearlyAndNeverFallsBackToMemory() {
        StoreGate gate = new StoreGate(100, () -> { }, () -> false);
        MapStore inMemory = new MapStore();
        MapStore database = new MapStore();
        gate.add(memory(inMemory));
        gate.add(durable(database, 2));
        gate.remove(database);
        long started = System.nanoTime();
        A2aException refused = assertThrows(A2aException.class, () -> gate.save(null, task("later")));
        assertTrue(System.nanoTime() - started >= 90_000_000L, "waited for the swap first");
        assertEquals(A2aError.STORE_UNAVAILABLE, refused.error());
        assertTrue(refused.getMessage().contains("durable task store has been gone"), refused.getMessage());
        long again = System.nanoTime();
        assertEquals(A2aError.STORE_UNAVAILABLE, assertThrows(A2aException.class, () -> gate.save(null, task("then")))
                .error());
        assertTrue(System.nanoTime() - again < 90_000_000L, "later calls fail at once, not after another wait");
        assertTrue(inMemory.tasks.isEmpty(), "nothing acknowledged from memory, which a restart would lose");

        MapStore back = new MapStore();
        gate.add(durable(back, 3));
        gate.save(null, task("back"));
        assertTrue(back.tasks.containsKey("back"), "served again once a durable store is back");
    }

    @Test
    void withNoStoreAtAllACallFailsWithStoreUnavailableAfterTheWait() {
        StoreGate gate = new StoreGate(50, () -> { }, () -> false);
        A2aException error = assertThrows(A2aException.class, () -> gate.find(null, "x"));
        assertEquals(A2aError.STORE_UNAVAILABLE, error.error());
    }

    @Test
    void aCallFailingBecauseItsStoreClosedUnderItIsRetriedOnTheReplacement() {
        StoreGate gate = new StoreGate(5_000, () -> { }, () -> false);
        MapStore closing = new MapStore();
        MapStore replacement = new MapStore();
        AtomicBoolean swapped = new AtomicBoolean();
        TaskStore swappingWhileCalled = new MapStore() {
            @Override
            public void save(String tenant, Task task) {
                if (swapped.compareAndSet(false, true)) {
                    gate.remove(this);
                    gate.add(durable(replacement, 3));
                    throw new A2aException(A2aError.STORE_UNAVAILABLE, "the task store is closing");
                }
                super.save(tenant, task);
            }
        };
        gate.add(durable(swappingWhileCalled, 2));
        gate.save(null, task("retried"));
        assertTrue(replacement.tasks.containsKey("retried"));
        assertTrue(closing.tasks.isEmpty());
    }

    @Test
    void aStoreThatIsDownFailsTheCallWithoutRetry() {
        StoreGate gate = new StoreGate(5_000, () -> { }, () -> false);
        MapStore down = new MapStore();
        down.closing = true;
        gate.add(durable(down, 2));
        A2aException error = assertThrows(A2aException.class, () -> gate.save(null, task("x")));
        assertEquals(A2aError.STORE_UNAVAILABLE, error.error());
    }

    @Test
    void whileAgentxStopsADepartingStoreIsNotWaitedFor() {
        StoreGate gate = new StoreGate(60_000, () -> { }, () -> true);
        MapStore inMemory = new MapStore();
        MapStore database = new MapStore();
        gate.add(memory(inMemory));
        gate.add(durable(database, 2));
        gate.remove(database);
        gate.save(null, task("at-stop"));
        assertSame(inMemory.tasks.get("at-stop").id(), "at-stop");
    }
}
