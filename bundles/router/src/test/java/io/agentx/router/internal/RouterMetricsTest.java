package io.agentx.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.balancing.PeakEwmaLatency;
import io.agentx.router.internal.health.HealthSettings;
import io.agentx.router.internal.health.ReplicaHealth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouterMetricsTest {

    private static Replica replica(String name) {
        return new Replica("agent", name, 1L, null, 1, new ReplicaHealth(HealthSettings.defaults(), false),
                new PeakEwmaLatency(PeakEwmaLatency.DEFAULT_DECAY_NANOS));
    }

    @Test
    void anAgentsFiguresAreItsReplicasTakenTogether() {
        try (RouterMetrics metrics = new RouterMetrics()) {
            Replica fast = replica("fast");
            Replica slow = replica("slow");
            for (int i = 0; i < 90; i++) {
                metrics.record(fast, TimeUnit.MILLISECONDS.toNanos(1), true);
            }
            for (int i = 0; i < 10; i++) {
                metrics.record(slow, TimeUnit.MILLISECONDS.toNanos(200), i > 0);
            }

            RouterMetrics.Figures agent = metrics.figures(List.of(fast, slow));
            assertEquals(100, agent.requests());
            assertEquals(1, agent.errors());
            assertEquals((90 * 1 + 10 * 200) / 100.0, agent.meanMillis(), 0.5);
            assertTrue(agent.p50Millis() <= 1, "most requests are fast: " + agent);
            assertTrue(agent.p99Millis() >= 200, "the slow replica sets the tail: " + agent);
            assertEquals(90, metrics.figures(fast).requests());
            assertTrue(metrics.figures(fast).p99Millis() <= 1, "a replica's own figures stay its own");
        }
    }

    @Test
    void anAgentWithoutTrafficHasZeroFigures() {
        try (RouterMetrics metrics = new RouterMetrics()) {
            RouterMetrics.Figures none = metrics.figures(List.of(replica("idle")));
            assertEquals(new RouterMetrics.Figures(0, 0, 0, 0, 0, 0), none);
        }
    }
}
