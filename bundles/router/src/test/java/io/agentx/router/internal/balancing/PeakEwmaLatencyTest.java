package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.MILLI;
import static io.agentx.router.internal.balancing.TestReplicas.SECOND;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PeakEwmaLatencyTest {
    private static final double E = Math.E;

    private final PeakEwmaLatency latency = new PeakEwmaLatency(PeakEwmaLatency.DEFAULT_DECAY_NANOS);

    @Test
    void isZeroBeforeAnySample() {
        assertEquals(0.0, latency.estimateNanos(T0));
        assertEquals(0, latency.samples());
    }

    @Test
    void jumpsToAPeak() {
        latency.record(T0, MILLI);
        assertEquals(MILLI, latency.estimateNanos(T0), 1e-6);
        latency.record(T0 + MILLI, 50 * MILLI);
        assertEquals(50 * MILLI, latency.estimateNanos(T0 + MILLI), 1e-6);
        assertEquals(2, latency.samples());
    }

    @Test
    void decaysTowardFasterSamples() {
        latency.record(T0, 50 * MILLI);
        latency.record(T0 + 10 * SECOND, MILLI);
        assertEquals(50 * MILLI / E + MILLI * (1 - 1 / E), latency.estimateNanos(T0 + 10 * SECOND), 1);
        latency.record(T0 + 10 * SECOND, MILLI);
        assertEquals(50 * MILLI / E + MILLI * (1 - 1 / E), latency.estimateNanos(T0 + 10 * SECOND), 1,
                "a sample at the same time weighs nothing below the estimate");
    }

    @Test
    void decaysWithoutSamplesSoTheReplicaIsTriedAgain() {
        latency.record(T0, 50 * MILLI);
        assertEquals(50 * MILLI / E, latency.estimateNanos(T0 + 10 * SECOND), 1);
        assertEquals(50 * MILLI / (E * E), latency.estimateNanos(T0 + 20 * SECOND), 1);
    }

    @Test
    void aSampleAboveTheDecayedEstimateIsAPeak() {
        latency.record(T0, 50 * MILLI);
        latency.record(T0 + 30 * SECOND, 10 * MILLI);
        assertEquals(10 * MILLI, latency.estimateNanos(T0 + 30 * SECOND), 1e-6);
    }
}
