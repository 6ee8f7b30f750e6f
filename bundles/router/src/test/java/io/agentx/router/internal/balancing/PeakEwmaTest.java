package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.MILLI;
import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeakEwmaTest {
    private final Replica[] replicas = replicas(1, 1, 1);
    private final PeakEwma strategy = new PeakEwma();

    @Test
    void sendsMostRequestsToTheFastReplicas() {
        Replica slow = replicas[0];
        Map<Replica, Long> latencies = new IdentityHashMap<>(Map.of(slow, 50 * MILLI, replicas[1], MILLI,
                replicas[2], MILLI));
        latencies.forEach((replica, latency) -> replica.latency().record(T0, latency));
        int toSlow = 0;
        long now = T0;
        for (int i = 0; i < 1000; i++) {
            now += MILLI;
            Replica picked = strategy.pick(replicas, null, NONE, now);
            picked.started();
            picked.finished(now, latencies.get(picked), true);
            if (picked == slow) {
                toSlow++;
            }
        }
        assertTrue(toSlow < 100, toSlow + " of 1000 to the slow replica");
    }

    @Test
    void outstandingDecidesBetweenEqualLatencies() {
        for (Replica replica : replicas) {
            replica.latency().record(T0, 5 * MILLI);
        }
        replicas[0].started();
        replicas[0].started();
        replicas[2].started();
        assertSame(replicas[1], strategy.pick(replicas, null, NONE, T0));
        replicas[1].started();
        replicas[1].started();
        assertSame(replicas[2], strategy.pick(replicas, null, NONE, T0));
    }

    @Test
    void triesAnUnmeasuredReplicaButDoesNotFloodIt() {
        replicas[0].latency().record(T0, MILLI);
        replicas[1].latency().record(T0, MILLI);
        assertSame(replicas[2], strategy.pick(replicas, null, NONE, T0));
        replicas[2].started();
        assertNotSame(replicas[2], strategy.pick(replicas, null, NONE, T0));
    }

    @Test
    void spreadsOverUnmeasuredReplicas() {
        Map<Replica, Integer> counts = TestReplicas.count(strategy, replicas, 300, T0);
        for (Replica replica : replicas) {
            assertEquals(100, counts.get(replica), replica.name());
        }
    }

    @Test
    void costIsTheEstimateTimesOutstandingPlusOne() {
        replicas[0].latency().record(T0, 2 * MILLI);
        replicas[0].started();
        replicas[0].started();
        assertEquals(6.0 * MILLI, PeakEwma.cost(replicas[0], T0), 1e-6);
    }
}
