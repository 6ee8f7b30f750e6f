package io.agentx.router.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplicaHealthTest {
    private static final long T0 = 1_000_000_000L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void anUnprobedReplicaIsAlwaysUp() {
        ReplicaHealth health = new ReplicaHealth(HealthSettings.defaults(), false);
        health.probeFailed(T0, "refused");
        health.probeFailed(T0, "refused");
        assertTrue(health.allowsRequest(T0));
        assertTrue(health.tryAcquire(T0));
        assertEquals(new ReplicaHealth.Status("up", null, 0, 0, "closed"), health.status(T0));
    }

    @Test
    void aProbedReplicaWaitsForItsFirstSuccessfulProbe() {
        ReplicaHealth health = new ReplicaHealth(HealthSettings.defaults(), true);
        assertFalse(health.allowsRequest(T0));
        assertFalse(health.tryAcquire(T0));
        assertEquals("unknown", health.status(T0).state());
        health.probeFailed(T0, "refused");
        assertEquals("down", health.status(T0).state());
        health.probeSucceeded(T0 + 1);
        assertTrue(health.allowsRequest(T0 + 1));
        assertEquals("up", health.status(T0 + 1).state());
        assertEquals(1.0, health.slowStartFactor(T0 + 1));
    }

    @Test
    void goesDownAfterTheUnhealthyThresholdAndUpAfterTheHealthyOne() {
        ReplicaHealth health = upProbed();
        health.probeFailed(T0, "timeout");
        assertTrue(health.allowsRequest(T0), "one failed probe");
        health.probeFailed(T0, "timeout");
        assertFalse(health.allowsRequest(T0));
        assertEquals("down", health.status(T0).state());
        assertEquals("timeout", health.status(T0).lastProbeError());
        health.probeSucceeded(T0 + 1);
        assertFalse(health.allowsRequest(T0 + 1), "one ok probe");
        health.probeSucceeded(T0 + 2);
        assertTrue(health.allowsRequest(T0 + 2));
        assertNull(health.status(T0 + 2).lastProbeError());
    }

    @Test
    void aSuccessfulProbeEndsTheFailedStreak() {
        ReplicaHealth health = upProbed();
        health.probeFailed(T0, "timeout");
        health.probeSucceeded(T0);
        health.probeFailed(T0, "timeout");
        assertTrue(health.allowsRequest(T0));
    }

    @Test
    void rampsUpAfterComingBackUp() {
        ReplicaHealth health = upProbed();
        health.probeFailed(T0, "timeout");
        health.probeFailed(T0, "timeout");
        health.probeSucceeded(T0 + SECOND);
        health.probeSucceeded(T0 + 2 * SECOND);
        assertEquals(0.1, health.slowStartFactor(T0 + 2 * SECOND), 1e-9);
        assertEquals(0.55, health.slowStartFactor(T0 + 7 * SECOND), 1e-9);
        assertEquals(1.0, health.slowStartFactor(T0 + 12 * SECOND));
    }

    @Test
    void statusFollowsThePrecedence() {
        HealthSettings settings = new HealthSettings(1, 1, 3, 10 * SECOND, 60 * SECOND, 10 * SECOND, 3, 3, 0.5,
                15 * SECOND);
        ReplicaHealth health = new ReplicaHealth(settings, true);
        health.probeSucceeded(T0);
        for (int i = 0; i < 3; i++) {
            health.failed(T0);
        }
        assertEquals(new ReplicaHealth.Status("ejected", null, 10_000, 1, "open"), health.status(T0));
        assertEquals("circuit-open", health.status(T0 + 10 * SECOND).state());
        assertFalse(health.allowsRequest(T0 + 10 * SECOND));
        assertEquals("half-open", health.status(T0 + 15 * SECOND).state());
        assertTrue(health.tryAcquire(T0 + 15 * SECOND));
        assertFalse(health.allowsRequest(T0 + 15 * SECOND));
        health.probeFailed(T0 + 15 * SECOND, "refused");
        assertEquals(new ReplicaHealth.Status("down", "refused", 0, 1, "half-open"), health.status(T0 + 15 * SECOND));
        health.probeSucceeded(T0 + 16 * SECOND);
        health.succeeded(T0 + 16 * SECOND);
        assertEquals("up", health.status(T0 + 16 * SECOND).state());
    }

    @Test
    void reconfigurationKeepsTheState() {
        ReplicaHealth health = upProbed();
        for (int i = 0; i < 5; i++) {
            health.failed(T0);
        }
        health.reconfigure(new HealthSettings(1, 1, 1, SECOND, SECOND, 0, 5, 5, 0.5, SECOND), T0);
        assertEquals("ejected", health.status(T0).state());
        assertTrue(health.allowsRequest(T0 + 10 * SECOND));
        health.probeFailed(T0 + 10 * SECOND, "refused");
        assertEquals("down", health.status(T0 + 10 * SECOND).state(), "the new unhealthy threshold of 1");
    }

    private static ReplicaHealth upProbed() {
        ReplicaHealth health = new ReplicaHealth(HealthSettings.defaults(), true);
        health.probeSucceeded(T0);
        return health;
    }
}
