package io.agentx.router.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes every replica whose agent is a {@link Probe} at its interval and feeds the result to its health. */
final class ActiveHealthChecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealthChecks.class);

    private final ScheduledExecutorService scheduler;
    private final Map<Replica, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();

    ActiveHealthChecks() {
        AtomicInteger count = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "agentx-health-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void watch(Replica replica) {
        if (replica == null || !(replica.agent() instanceof Probe probe)) {
            return;
        }
        long interval = Math.max(100, probe.probeInterval().toMillis());
        watched.computeIfAbsent(replica, key -> scheduler.scheduleWithFixedDelay(() -> check(replica, probe), 0,
                interval, TimeUnit.MILLISECONDS));
    }

    void unwatch(Replica replica) {
        ScheduledFuture<?> task = watched.remove(replica);
        if (task != null) {
            task.cancel(false);
        }
    }

    private static void check(Replica replica, Probe probe) {
        boolean wasUp = replica.health().status(System.nanoTime()).state().equals("up");
        try {
            probe.probe();
            replica.health().probeSucceeded(System.nanoTime());
        } catch (RuntimeException e) {
            replica.health().probeFailed(System.nanoTime(), e.getMessage());
            if (wasUp) {
                LOG.warn("Health check of {} failed: {}", replica, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        watched.clear();
    }
}
