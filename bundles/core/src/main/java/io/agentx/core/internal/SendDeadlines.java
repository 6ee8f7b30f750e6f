package io.agentx.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous sends waiting for their tasks, each with its deadline, looked at by one sweeper a few times a
 * second. Adding and removing a send is a map operation: a scheduled task per send instead wakes the timer thread
 * whenever it becomes the earliest one, which is every send at low concurrency (measured on the gateway path: 6 %
 * of AgentX's CPU samples at one connection). A timeout runs up to one sweep interval late. After a few seconds
 * with nothing to watch the sweeper rests until the next send, so an idle AgentX is not woken for it.
 */
final class SendDeadlines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendDeadlines.class);

    private record Deadline(long atNanos, Runnable onTimeout) {
    }

    private final Map<Object, Deadline> waiting = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor sweeper;
    private final long sweepMillis;
    private final int restAfterEmptySweeps;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private int emptySweeps; // counted on the sweeper's thread only

    SendDeadlines(long sweepMillis) {
        this(sweepMillis, (int) Math.max(1, 5_000 / sweepMillis));
    }

    /** @param restAfterEmptySweeps how many sweeps in a row with no send waiting make the sweeper rest */
    SendDeadlines(long sweepMillis, int restAfterEmptySweeps) {
        this.sweepMillis = sweepMillis;
        this.restAfterEmptySweeps = restAfterEmptySweeps;
        sweeper = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "agentx-send-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code onTimeout} on the sweeper once {@code timeoutMillis} have passed, unless {@link #remove} comes
     * first. It should hand anything slow to another thread: the other timeouts of the sweep wait for it.
     */
    void add(Object send, long timeoutMillis, Runnable onTimeout) {
        waiting.put(send, new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), onTimeout));
        if (!sweeping.get()) {
            startSweeping();
        }
    }

    /** The send was answered: its timeout will not run. */
    void remove(Object send) {
        waiting.remove(send);
    }

    /** How many sends wait. */
    int size() {
        return waiting.size();
    }

    /** Whether the sweeper is running (it rests while no send has waited for a few seconds). */
    boolean sweeping() {
        return sweeping.get();
    }

    private void startSweeping() {
        if (sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        try {
            sweeper.schedule(this::sweepOrRest, sweepMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closing: no more sweeps
        }
    }

    private void sweepOrRest() {
        sweep();
        if (!waiting.isEmpty()) {
            emptySweeps = 0;
            scheduleSweep();
        } else if (++emptySweeps < restAfterEmptySweeps) {
            scheduleSweep();
        } else {
            emptySweeps = 0;
            sweeping.set(false);
            if (!waiting.isEmpty()) { // a send came as it stopped
                startSweeping();
            }
        }
    }

    /** Runs the timeouts whose deadline passed. */
    void sweep() {
        long now = System.nanoTime();
        waiting.forEach((send, deadline) -> {
            if (now - deadline.atNanos() >= 0 && waiting.remove(send, deadline)) {
                try {
                    deadline.onTimeout().run();
                } catch (RuntimeException e) {
                    LOG.warn("A timed-out send could not be answered: {}", e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
