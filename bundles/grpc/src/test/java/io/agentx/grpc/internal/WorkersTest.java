package io.agentx.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gRPC transport's worker pool: few threads under load, more when steps block, back to few afterwards. */
class WorkersTest {
    private static final int BASE = 2;
    private final Workers workers = workers(20);

    private static Workers workers(long starvingMillis) {
        return new Workers(BASE, 8, starvingMillis, 100, runnable -> {
            Thread thread = new Thread(runnable, "workers-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void runsEveryStepOnItsBaseThreadsWhileNoneWaitsTooLong() throws InterruptedException {
        Workers workers = workers(5_000); // (a slow machine may hold a step up for a few ms)
        int steps = 10_000;
        CountDownLatch done = new CountDownLatch(steps);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < steps; i++) {
            workers.execute(() -> {
                ran.incrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS), ran.get() + " of " + steps + " steps ran");
        assertEquals(BASE, workers.threads(), "no thread added for steps that do not block");
        workers.shutdownNow();
    }

    @Test
    void aStepQueuedBehindBlockedThreadsRunsOnAnAddedThreadAndThePoolShrinksOnceTheyAreFree() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(3 * BASE);
        for (int i = 0; i < 3 * BASE; i++) { // more blocking steps than base threads: some wait in the queue
            workers.execute(() -> {
                blocked.countDown();
                awaitQuietly(release);
            });
        }
        CountDownLatch quick = new CountDownLatch(1);
        workers.execute(quick::countDown);

        assertTrue(blocked.await(5, TimeUnit.SECONDS), "every blocking step got a thread of its own");
        assertTrue(quick.await(5, TimeUnit.SECONDS), "the step behind them ran although they all still block");
        assertTrue(workers.threads() > BASE, "threads were added: " + workers.threads());

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (workers.threads() > BASE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(BASE, workers.threads(), "the added threads left once idle");
    }

    @Test
    void neverGrowsBeyondItsMaximum() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<CountDownLatch> started = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CountDownLatch running = new CountDownLatch(1);
            started.add(running);
            workers.execute(() -> {
                running.countDown();
                awaitQuietly(release);
            });
        }
        assertTrue(started.get(7).await(5, TimeUnit.SECONDS), "grown to the maximum of 8");
        Thread.sleep(200); // many starving checks
        assertEquals(8, workers.threads());
        assertEquals(12, started.stream().filter(latch -> latch.getCount() == 1).count(), "12 steps still queued");
        release.countDown();
        for (CountDownLatch running : started) {
            assertTrue(running.await(5, TimeUnit.SECONDS), "every queued step ran once threads were free");
        }
    }

    @Test
    void refusesStepsOnceShutDown() {
        workers.shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> workers.execute(() -> { }));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
