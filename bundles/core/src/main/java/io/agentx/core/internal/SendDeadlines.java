package io.agentx.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous sends waiting for their tasks, each with its deadline. A sweeper looks at them a few times a
 * second and runs the timeout of those whose deadline passed. Adding and removing a send is a map operation:
 * unlike a scheduled task per send, it wakes no timer thread, which on a small machine costs a context switch per
 * request. Timeouts fire up to one sweep interval late, each on the given executor: answering a timed-out send
 * stores its task, and many sends timing out together then share a group commit instead of queueing behind one
 * another on the sweeper.
 */
final class SendDeadlines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendDeadlines.class);

    private record Deadline(long atNanos, Runnable onTimeout) {
    }

    private final Map<Object, Deadline> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private final Executor runner;

    SendDeadlines(long sweepMillis, Executor runner) {
        this.runner = runner;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "agentx-send-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        this.sweeper = executor;
    }

    /** Runs {@code onTimeout} once {@code timeoutMillis} have passed, unless {@link #remove} comes first. */
    void add(Object send, long timeoutMillis, Runnable onTimeout) {
        waiting.put(send, new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), onTimeout));
    }

    /** The send was answered: its timeout will not run. */
    void remove(Object send) {
        waiting.remove(send);
    }

    /** How many sends wait. */
    int size() {
        return waiting.size();
    }

    void sweep() {
        long now = System.nanoTime();
        waiting.forEach((send, deadline) -> {
            if (now - deadline.atNanos() >= 0 && waiting.remove(send, deadline)) {
                try {
                    runner.execute(() -> timeOut(deadline));
                } catch (RejectedExecutionException busy) {
                    timeOut(deadline);
                }
            }
        });
    }

    private static void timeOut(Deadline deadline) {
        try {
            deadline.onTimeout().run();
        } catch (RuntimeException e) {
            LOG.warn("A timed-out send could not be answered: {}", e.toString());
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
