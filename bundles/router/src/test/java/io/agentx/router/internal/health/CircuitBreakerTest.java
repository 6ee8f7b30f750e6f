package io.agentx.router.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.health.CircuitBreaker.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long T0 = 1_000_000_000L;
    private static final long OPEN = HealthSettings.defaults().breakerOpenNanos();

    private final CircuitBreaker breaker = new CircuitBreaker(HealthSettings.defaults());

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        failures(9, T0);
        assertEquals(State.CLOSED, breaker.state(T0));
        assertTrue(breaker.allows(T0));
        breaker.onFailure(T0);
        assertEquals(State.OPEN, breaker.state(T0));
    }

    @Test
    void opensAtTheFailureRate() {
        successes(6, T0);
        failures(4, T0);
        assertEquals(State.CLOSED, breaker.state(T0), "4 of 10");
        breaker.onFailure(T0);
        assertEquals(State.CLOSED, breaker.state(T0), "5 of 11");
        breaker.onFailure(T0);
        assertEquals(State.OPEN, breaker.state(T0), "6 of 12");
    }

    @Test
    void looksOnlyAtTheLastOutcomesOfTheWindow() {
        failures(9, T0);
        successes(20, T0);
        failures(9, T0);
        assertEquals(State.CLOSED, breaker.state(T0), "9 of the last 20");
        breaker.onFailure(T0);
        assertEquals(State.OPEN, breaker.state(T0), "10 of the last 20");
    }

    @Test
    void rejectsWhileOpenThenLetsOneTrialThrough() {
        failures(10, T0);
        long halfOpen = T0 + OPEN;
        assertFalse(breaker.allows(halfOpen - 1));
        assertFalse(breaker.tryAcquire(halfOpen - 1));
        assertEquals(State.HALF_OPEN, breaker.state(halfOpen));
        assertTrue(breaker.allows(halfOpen));
        assertTrue(breaker.tryAcquire(halfOpen));
        assertFalse(breaker.allows(halfOpen + 1));
        assertFalse(breaker.tryAcquire(halfOpen + 1));
    }

    @Test
    void aSuccessfulTrialClosesWithAFreshWindow() {
        failures(10, T0);
        long halfOpen = T0 + OPEN;
        assertTrue(breaker.tryAcquire(halfOpen));
        breaker.onSuccess(halfOpen + 5);
        assertEquals(State.CLOSED, breaker.state(halfOpen + 5));
        assertTrue(breaker.tryAcquire(halfOpen + 5));
        assertTrue(breaker.tryAcquire(halfOpen + 5));
        failures(9, halfOpen + 6);
        assertEquals(State.CLOSED, breaker.state(halfOpen + 6));
    }

    @Test
    void aFailedTrialReopens() {
        failures(10, T0);
        long trial = T0 + OPEN;
        assertTrue(breaker.tryAcquire(trial));
        breaker.onFailure(trial + 5);
        assertEquals(State.OPEN, breaker.state(trial + 5));
        assertFalse(breaker.tryAcquire(trial + 5 + OPEN - 1));
        assertTrue(breaker.tryAcquire(trial + 5 + OPEN));
    }

    @Test
    void outcomesOfEarlierRequestsDoNotCountWhileOpen() {
        failures(10, T0);
        breaker.onSuccess(T0 + 1);
        assertEquals(State.OPEN, breaker.state(T0 + 1));
        breaker.onFailure(T0 + OPEN - 1);
        assertEquals(State.HALF_OPEN, breaker.state(T0 + OPEN));
    }

    @Test
    void givesUpATrialPermitWhoseOutcomeNeverCame() {
        failures(10, T0);
        long trial = T0 + OPEN;
        assertTrue(breaker.tryAcquire(trial));
        assertFalse(breaker.tryAcquire(trial + OPEN - 1));
        assertTrue(breaker.tryAcquire(trial + OPEN));
    }

    @Test
    void exactlyOneOfManyRacingThreadsGetsTheTrial() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                CircuitBreaker racedFor = new CircuitBreaker(HealthSettings.defaults());
                for (int i = 0; i < 10; i++) {
                    racedFor.onFailure(T0);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    attempts.add(threads.submit(() -> {
                        start.await();
                        return racedFor.tryAcquire(T0 + OPEN);
                    }));
                }
                start.countDown();
                int granted = 0;
                for (Future<Boolean> attempt : attempts) {
                    if (attempt.get(10, TimeUnit.SECONDS)) {
                        granted++;
                    }
                }
                assertEquals(1, granted, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSmallerWindowFromReconfigurationStartsAfresh() {
        failures(9, T0);
        breaker.reconfigure(new HealthSettings(2, 2, 5, 10, 20, 0, 4, 4, 0.5, OPEN));
        failures(3, T0);
        assertEquals(State.CLOSED, breaker.state(T0));
        breaker.onFailure(T0);
        assertEquals(State.OPEN, breaker.state(T0));
    }

    private void failures(int count, long now) {
        for (int i = 0; i < count; i++) {
            breaker.onFailure(now);
        }
    }

    private void successes(int count, long now) {
        for (int i = 0; i < count; i++) {
            breaker.onSuccess(now);
        }
    }
}
