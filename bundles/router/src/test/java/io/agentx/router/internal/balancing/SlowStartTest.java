package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.SECOND;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.count;
import static io.agentx.router.internal.balancing.TestReplicas.eject;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlowStartTest {
    private static final int PICKS = 30_000;
    private static final long RECOVERED = T0 + 10 * SECOND;

    private final Replica[] replicas = replicas(1, 1, 1);
    private final Replica returning = replicas[1];

    @Test
    void aReturningReplicaGetsLessThanItsShareUntilTheSlowStartIsOver() {
        for (String name : Strategies.NAMES) {
            Replica[] fresh = replicas(1, 1, 1);
            BalancingStrategy strategy = Strategies.create(name, fresh);
            eject(fresh[1], T0);
            long ramping = RECOVERED + SECOND;
            assertTrue(fresh[1].health().slowStartFactor(ramping) < 0.2);
            int fairShare = PICKS / 3;
            Map<Replica, Integer> counts = count(strategy, fresh, PICKS, ramping);
            assertTrue(counts.get(fresh[1]) < 0.6 * fairShare, name + ": " + counts.get(fresh[1]));
            assertTrue(counts.get(fresh[1]) > 0, name + ": never picked while ramping");
            Map<Replica, Integer> later = count(strategy, fresh, PICKS, RECOVERED + 10 * SECOND);
            assertTrue(later.get(fresh[1]) > 0.9 * fairShare, name + ": " + later.get(fresh[1]));
        }
    }

    @Test
    void roundRobinGivesTheFullShareAfterTheSlowStart() {
        RoundRobin strategy = new RoundRobin();
        eject(returning, T0);
        Map<Replica, Integer> counts = count(strategy, replicas, PICKS, RECOVERED + 10 * SECOND);
        assertEquals(PICKS / 3, counts.get(returning));
    }

    @Test
    void theOnlyCandidateIsPickedEvenWhileRamping() {
        eject(returning, T0);
        Replica[] others = {replicas[0], replicas[2]};
        for (String name : Strategies.NAMES) {
            BalancingStrategy strategy = Strategies.create(name, replicas);
            for (int i = 0; i < 100; i++) {
                assertSame(returning, strategy.pick(replicas, null, others, RECOVERED), name);
            }
        }
        Replica[] many = replicas(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        eject(many[4], T0);
        for (int i = 0; i < many.length; i++) {
            if (i != 4) {
                eject(many[i], RECOVERED);
            }
        }
        for (String name : Strategies.NAMES) {
            BalancingStrategy strategy = Strategies.create(name, many);
            for (int i = 0; i < 100; i++) {
                assertSame(many[4], strategy.pick(many, null, NONE, RECOVERED), name);
            }
        }
    }
}
