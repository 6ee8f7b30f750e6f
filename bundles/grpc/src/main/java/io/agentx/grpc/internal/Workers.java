package io.agentx.grpc.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads the gRPC transport hands steps that may block to (an A2A method with the caller's admission, a
 * plugin's Hello). A few threads take them from one queue: under load a thread that finishes a step takes the next
 * without sleeping, where a pool handing each step to a thread of its own wakes one per call (a context switch, and
 * on a VM a hypervisor exit). Steps that do block (an agent, a store read during a database outage, a JWKS fetch)
 * must not hold up the others, so while steps wait in the queue it is checked every {@code starvingMillis}: if the
 * oldest has waited that long, threads are added, up to {@code maxThreads}; once the queue is empty the pool goes
 * back to its base size, the added threads leaving after {@code idleMillis} without work.
 */
final class Workers implements Executor {
    private final int baseThreads;
    private final int maxThreads;
    private final long starvingNanos;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watch;
    private final AtomicBoolean watching = new AtomicBoolean();

    Workers(int baseThreads, int maxThreads, long starvingMillis, long idleMillis, ThreadFactory threads) {
        if (baseThreads < 1 || maxThreads < baseThreads) {
            throw new IllegalArgumentException("need 1 <= baseThreads <= maxThreads, got " + baseThreads + " and " + maxThreads);
        }
        this.baseThreads = baseThreads;
        this.maxThreads = maxThreads;
        this.starvingNanos = TimeUnit.MILLISECONDS.toNanos(starvingMillis);
        this.pool = new ThreadPoolExecutor(baseThreads, baseThreads, idleMillis, TimeUnit.MILLISECONDS, queue, threads);
        this.watch = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName(thread.getName() + "-watch");
            return thread;
        });
    }

    @Override
    public void execute(Runnable step) {
        pool.execute(new Queued(step, System.nanoTime()));
        if (watching.compareAndSet(false, true)) {
            watchAgain();
        }
    }

    /** How many threads the pool has now. */
    int threads() {
        return pool.getPoolSize();
    }

    /** Stops taking steps and interrupts the running ones. */
    void shutdownNow() {
        watch.shutdownNow();
        pool.shutdownNow();
    }

    private void check() {
        Runnable head = queue.peek();
        if (head == null) {
            pool.setCorePoolSize(baseThreads); // threads above it leave once idle
            watching.set(false);
            if (queue.isEmpty() || !watching.compareAndSet(false, true)) {
                return; // (a step queued meanwhile, whose execute found the watch still on, is watched again)
            }
        } else if (System.nanoTime() - ((Queued) head).queuedAt >= starvingNanos && pool.getCorePoolSize() < maxThreads) {
            int grown = Math.min(maxThreads, pool.getCorePoolSize() + baseThreads);
            pool.setMaximumPoolSize(Math.max(grown, pool.getMaximumPoolSize()));
            pool.setCorePoolSize(grown); // starts threads for the queued steps
        }
        watchAgain();
    }

    private void watchAgain() {
        try {
            watch.schedule(this::check, starvingNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // shut down: nothing to watch
        }
    }

    /** A step and when it was queued. */
    private record Queued(Runnable step, long queuedAt) implements Runnable {
        @Override
        public void run() {
            step.run();
        }
    }
}
