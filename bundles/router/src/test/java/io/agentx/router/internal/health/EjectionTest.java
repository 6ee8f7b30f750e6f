package io.agentx.router.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EjectionTest {
    private static final long T0 = 1_000_000_000L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Ejection ejection = new Ejection(HealthSettings.defaults());

    @Test
    void ejectsAfterConsecutiveFailuresForTheBaseTime() {
        failures(4, T0);
        assertFalse(ejection.ejected(T0));
        ejection.onFailure(T0);
        assertTrue(ejection.ejected(T0));
        assertEquals(T0 + 10 * SECOND, ejection.ejectedUntil());
        assertTrue(ejection.ejected(T0 + 10 * SECOND - 1));
        assertFalse(ejection.ejected(T0 + 10 * SECOND));
        assertEquals(1, ejection.ejections());
    }

    @Test
    void aSuccessInBetweenResetsTheStreak() {
        failures(4, T0);
        ejection.onSuccess(T0);
        failures(4, T0);
        assertFalse(ejection.ejected(T0));
        ejection.onFailure(T0);
        assertTrue(ejection.ejected(T0));
    }

    @Test
    void repeatedEjectionsDoubleUpToTheMaximum() {
        Ejection capped = new Ejection(new HealthSettings(2, 2, 2, 10 * SECOND, 25 * SECOND, 0, 20, 10, 0.5, 1));
        long now = T0;
        for (long expected : new long[] {10, 20, 25, 25}) {
            capped.onFailure(now);
            capped.onFailure(now);
            assertEquals(now + expected * SECOND, capped.ejectedUntil());
            now = capped.ejectedUntil();
        }
        assertEquals(4, capped.ejections());
    }

    @Test
    void aSuccessAfterRecoveryStartsTheDoublingOver() {
        failures(5, T0);
        long recovered = ejection.ejectedUntil();
        ejection.onSuccess(recovered);
        failures(5, recovered);
        assertEquals(recovered + 10 * SECOND, ejection.ejectedUntil());
    }

    @Test
    void outcomesWhileEjectedDoNotCount() {
        failures(5, T0);
        ejection.onSuccess(T0 + SECOND);
        failures(5, T0 + 2 * SECOND);
        assertEquals(T0 + 10 * SECOND, ejection.ejectedUntil());
        long recovered = ejection.ejectedUntil();
        failures(5, recovered);
        assertEquals(recovered + 20 * SECOND, ejection.ejectedUntil(), "the success while ejected kept the doubling");
    }

    @Test
    void slowStartRampsAfterTheEjection() {
        assertEquals(1.0, ejection.slowStartFactor(T0));
        failures(5, T0);
        long recovered = ejection.ejectedUntil();
        assertEquals(0.1, ejection.slowStartFactor(recovered), 1e-9);
        assertEquals(0.55, ejection.slowStartFactor(recovered + 5 * SECOND), 1e-9);
        assertEquals(1.0, ejection.slowStartFactor(recovered + 10 * SECOND));
    }

    @Test
    void timeMayWrapAround() {
        long now = Long.MAX_VALUE - SECOND;
        failures(5, now);
        assertTrue(ejection.ejected(now + 9 * SECOND));
        assertFalse(ejection.ejected(now + 10 * SECOND));
    }

    private void failures(int count, long now) {
        for (int i = 0; i < count; i++) {
            ejection.onFailure(now);
        }
    }
}
