package io.agentx.core.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.api.PendingPush;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task store as the task manager sees it: the best-ranked store service, swapped live. When a durable store
 * goes away (its bundle is updated or reconfigured), or has not arrived yet at start while its bundle is set to
 * run, calls wait, up to a bound, for a durable store rather than writing to memory; past that bound they fail with
 * STORE_UNAVAILABLE, never acknowledging from memory what a restart would lose. A call that fails because its store
 * closed under it is retried once on the store that replaced it. So a store swap fails no request. Asynchronous
 * saves do their waiting on one thread of the gate's, not on the caller's.
 */
final class StoreGate implements TaskStore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreGate.class);

    /** A store service with what ordering and waiting need to know of it. */
    record Candidate(TaskStore store, int ranking, long serviceId, boolean durable) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::ranking).reversed()
            .thenComparingLong(Candidate::serviceId);

    private final TreeSet<Candidate> available = new TreeSet<>(BEST_FIRST);
    private final Runnable onDurableStore;
    private final java.util.function.BooleanSupplier shuttingDown;
    private volatile long swapTimeoutMillis;
    private boolean durableSeen;
    private long waitingSince;
    /** The bundles whose durable store is awaited since start, or {@code null} once one has arrived. */
    private String awaitedAtStart;
    private volatile long version;
    /** The store to use without waiting, or {@code null} while a swap is in progress (or none is installed). */
    private volatile Candidate steady;
    /** Runs the asynchronous saves that wait through a swap, in order; its thread exists only while there are any. */
    private final ThreadPoolExecutor swapWaits = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "agentx-store-swap");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param onDurableStore runs (on the binding thread) each time a durable store becomes the one in use
     * @param shuttingDown whether AgentX is stopping: then a store going away is not waited for
     */
    StoreGate(long swapTimeoutMillis, Runnable onDurableStore, java.util.function.BooleanSupplier shuttingDown) {
        this.swapTimeoutMillis = swapTimeoutMillis;
        this.onDurableStore = onDurableStore;
        this.shuttingDown = shuttingDown;
        swapWaits.allowCoreThreadTimeOut(true);
    }

    /** Stops taking asynchronous saves; those already waiting for a store still run. */
    void close() {
        swapWaits.shutdown();
    }

    /**
     * Declares, before any store arrives, that the named bundles are to bring a durable store: until one does,
     * calls wait as through a swap rather than acknowledge from memory tasks that a restart would lose.
     */
    synchronized void awaitDurableFrom(List<String> bundles) {
        if (bundles.isEmpty() || durableSeen) {
            return;
        }
        durableSeen = true;
        waitingSince = System.nanoTime();
        awaitedAtStart = String.join(", ", bundles);
        settle();
        LOG.info("Waiting for the durable task store of {}: requests wait up to {} ms for it rather than being stored "
                + "in memory", awaitedAtStart, swapTimeoutMillis);
    }

    void swapTimeout(long millis) {
        this.swapTimeoutMillis = millis;
    }

    void add(Candidate candidate) {
        boolean durableNow;
        synchronized (this) {
            available.add(candidate);
            version++;
            durableNow = candidate.durable() && available.first() == candidate;
            if (candidate.durable()) {
                durableSeen = true;
                waitingSince = 0;
                awaitedAtStart = null;
            }
            settle();
            notifyAll();
        }
        if (durableNow) {
            onDurableStore.run();
        }
    }

    synchronized void remove(TaskStore store) {
        boolean wasDurable = !available.isEmpty() && available.first().store() == store && available.first().durable();
        available.removeIf(candidate -> candidate.store() == store);
        version++;
        if (wasDurable && shuttingDown.getAsBoolean()) {
            durableSeen = false; // stopping: what is still written goes where it can, recovery settles it on start
        } else if (wasDurable && (available.isEmpty() || !available.first().durable())) {
            waitingSince = System.nanoTime();
            LOG.info("The durable task store went away; requests wait up to {} ms for it to come back", swapTimeoutMillis);
        }
        settle();
        notifyAll();
    }

    private void settle() {
        Candidate best = available.isEmpty() ? null : available.first();
        steady = best != null && (best.durable() || !durableSeen) ? best : null;
    }

    /** The store to use now, waiting through a swap. */
    private Candidate current() {
        Candidate ready = steady;
        return ready != null ? ready : awaitStore();
    }

    private synchronized Candidate awaitStore() {
        long deadline = System.nanoTime() + swapTimeoutMillis * 1_000_000;
        while (true) {
            Candidate best = available.isEmpty() ? null : available.first();
            boolean swapping = durableSeen && (best == null || !best.durable());
            if (best != null && !swapping) {
                return best;
            }
            long now = System.nanoTime();
            long bound = Math.min(deadline, waitingSince == 0 ? deadline : waitingSince + swapTimeoutMillis * 1_000_000);
            if (now - bound >= 0) {
                if (swapping && awaitedAtStart != null) {
                    throw new A2aException(A2aError.STORE_UNAVAILABLE, "the durable task store of " + awaitedAtStart
                            + " has not started within " + swapTimeoutMillis + " ms (storeSwapTimeoutMillis of PID "
                            + "io.agentx.core): nothing was stored, retry later; /health/ready tells what it waits for");
                }
                if (swapping) {
                    // memory would acknowledge tasks a restart then loses: refused until a durable store is back
                    throw new A2aException(A2aError.STORE_UNAVAILABLE, "the durable task store has been gone for over "
                            + swapTimeoutMillis + " ms (its bundle stopped, updated or uninstalled; storeSwapTimeoutMillis "
                            + "of PID io.agentx.core): nothing was stored, retry later. AgentX does not fall back to "
                            + "memory, where acknowledged tasks would not survive a restart; to run on the in-memory store, "
                            + "restart AgentX without the store bundle");
                }
                throw new A2aException(A2aError.STORE_UNAVAILABLE, "no task store is installed (waited "
                        + swapTimeoutMillis + " ms); nothing was stored, retry later");
            }
            try {
                wait(Math.max(1, (bound - now) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new A2aException(A2aError.STORE_UNAVAILABLE, "interrupted while waiting for the task store");
            }
        }
    }

    /** Runs a call on the current store; once more on its replacement if the store changed while it failed. */
    private <T> T call(Function<TaskStore, T> call) {
        long before = version;
        Candidate store = current();
        try {
            return call.apply(store.store());
        } catch (A2aException e) {
            if (!closedUnder(e, store, before)) {
                throw e;
            }
            return call.apply(current().store());
        }
    }

    /** Whether a call failed because its store went away since {@code version} was {@code before}. */
    private boolean closedUnder(Throwable failure, Candidate store, long before) {
        return failure instanceof A2aException e && e.error() == A2aError.STORE_UNAVAILABLE
                && (version != before || !stillAvailable(store));
    }

    /**
     * {@link #call} without holding the caller's thread: while a store is steady the call goes straight to it;
     * waiting through a swap, and the retry on a replacement, happen on the gate's swap thread.
     */
    private CompletableFuture<Void> callAsync(Function<TaskStore, CompletionStage<Void>> call) {
        Candidate store = steady;
        if (store == null) {
            return afterSwap(() -> call.apply(current().store()));
        }
        long before = version;
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletionStage<Void> made;
        try {
            made = call.apply(store.store());
        } catch (RuntimeException e) {
            made = CompletableFuture.failedFuture(e);
        }
        made.whenComplete((done, error) -> {
            Throwable cause = error == null ? null : Completions.cause(error);
            if (cause == null) {
                result.complete(null);
            } else if (closedUnder(cause, store, before)) {
                forward(afterSwap(() -> call.apply(current().store())), result);
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /** Runs a call on the swap thread, which waits there for the store as {@link #current} does. */
    private CompletableFuture<Void> afterSwap(Supplier<CompletionStage<Void>> call) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            swapWaits.execute(() -> {
                try {
                    forward(call.get(), result);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(new A2aException(A2aError.STORE_UNAVAILABLE,
                    "the task manager is stopping; nothing was stored"));
        }
        return result;
    }

    private static void forward(CompletionStage<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((done, error) -> {
            if (error == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(Completions.cause(error));
            }
        });
    }

    /** {@link #call} for an operation without a result. */
    private void run(java.util.function.Consumer<TaskStore> operation) {
        call(store -> {
            operation.accept(store);
            return null;
        });
    }

    private synchronized boolean stillAvailable(Candidate candidate) {
        return available.contains(candidate);
    }

    @Override
    public void save(String tenant, Task task) {
        run(store -> store.save(tenant, task));
    }

    @Override
    public void save(String tenant, Task task, String agentId, List<StoredEvent> events) {
        run(store -> store.save(tenant, task, agentId, events));
    }

    @Override
    public CompletionStage<Void> saveAsync(String tenant, Task task, String agentId, List<StoredEvent> events) {
        return callAsync(store -> store.saveAsync(tenant, task, agentId, events));
    }

    @Override
    public CompletionStage<Void> appendAsync(String tenant, String taskId, List<StoredEvent> events) {
        return callAsync(store -> store.appendAsync(tenant, taskId, events));
    }

    @Override
    public CompletionStage<Void> deleteAsync(String tenant, String taskId) {
        return callAsync(store -> store.deleteAsync(tenant, taskId));
    }

    @Override
    public void append(String tenant, String taskId, List<StoredEvent> events) {
        run(store -> store.append(tenant, taskId, events));
    }

    @Override
    public List<StoredEvent> events(String tenant, String taskId, long after) {
        return call(store -> store.events(tenant, taskId, after));
    }

    @Override
    public long lastSequence(String tenant, String taskId) {
        return call(store -> store.lastSequence(tenant, taskId));
    }

    @Override
    public List<StoredTask> unfinished(int limit) {
        return call(store -> store.unfinished(limit));
    }

    @Override
    public void savePushConfig(TaskPushNotificationConfig config) {
        run(store -> store.savePushConfig(config));
    }

    @Override
    public void deletePushConfig(String tenant, String taskId, String configId) {
        run(store -> store.deletePushConfig(tenant, taskId, configId));
    }

    @Override
    public List<TaskPushNotificationConfig> pushConfigs() {
        return call(TaskStore::pushConfigs);
    }

    @Override
    public void pushPending(String tenant, String taskId, String configId, long sequence) {
        run(store -> store.pushPending(tenant, taskId, configId, sequence));
    }

    @Override
    public void pushDone(String tenant, String taskId, String configId, long sequence) {
        run(store -> store.pushDone(tenant, taskId, configId, sequence));
    }

    @Override
    public List<PendingPush> pendingPushes() {
        return call(TaskStore::pendingPushes);
    }

    @Override
    public void delete(String tenant, String taskId) {
        run(store -> store.delete(tenant, taskId));
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        return call(store -> store.find(tenant, taskId));
    }

    @Override
    public Optional<StoredTask> findStored(String tenant, String taskId) {
        return call(store -> store.findStored(tenant, taskId));
    }

    @Override
    public ListTasksResponse list(String tenant, ListTasksRequest request) {
        return call(store -> store.list(tenant, request));
    }

    @Override
    public ListTasksResponse list(String tenant, String agentId, ListTasksRequest request) {
        return call(store -> store.list(tenant, agentId, request));
    }
}
