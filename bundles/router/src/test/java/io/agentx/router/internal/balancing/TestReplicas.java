package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import io.agentx.router.internal.health.HealthSettings;
import io.agentx.router.internal.health.ReplicaHealth;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Replicas and pick counting for the strategy tests. */
final class TestReplicas {
    static final long T0 = 1_000_000_000L;
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    static final Replica[] NONE = new Replica[0];

    private TestReplicas() {
    }

    static Replica replica(String name, int weight) {
        return new Replica("a", name, 1L, null, weight, new ReplicaHealth(HealthSettings.defaults(), false),
                new PeakEwmaLatency(PeakEwmaLatency.DEFAULT_DECAY_NANOS));
    }

    static Replica[] replicas(int... weights) {
        Replica[] replicas = new Replica[weights.length];
        for (int i = 0; i < weights.length; i++) {
            replicas[i] = replica("r" + i, weights[i]);
        }
        return replicas;
    }

    /** Ejects it at the given time, for the default 10 s. */
    static void eject(Replica replica, long now) {
        for (int i = 0; i < HealthSettings.defaults().ejectAfterFailures(); i++) {
            replica.health().failed(now);
        }
    }

    static Map<Replica, Integer> count(BalancingStrategy strategy, Replica[] replicas, int picks, long now) {
        Map<Replica, Integer> counts = new IdentityHashMap<>();
        for (Replica replica : replicas) {
            counts.put(replica, 0);
        }
        for (int i = 0; i < picks; i++) {
            counts.merge(strategy.pick(replicas, null, NONE, now), 1, Integer::sum);
        }
        return counts;
    }
}
