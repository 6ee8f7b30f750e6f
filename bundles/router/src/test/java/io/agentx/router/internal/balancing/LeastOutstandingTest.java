package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.count;
import static io.agentx.router.internal.balancing.TestReplicas.eject;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastOutstandingTest {
    private final LeastOutstanding strategy = new LeastOutstanding();

    @Test
    void picksTheReplicaWithFewestOutstanding() {
        Replica[] replicas = replicas(1, 1, 1);
        started(replicas[0], 3);
        started(replicas[1], 1);
        started(replicas[2], 2);
        for (int i = 0; i < 10; i++) {
            assertSame(replicas[1], strategy.pick(replicas, null, NONE, T0));
        }
        assertSame(replicas[2], strategy.pick(replicas, null, new Replica[] {replicas[1]}, T0));
    }

    @Test
    void spreadsTies() {
        Replica[] replicas = replicas(1, 1, 1);
        Map<Replica, Integer> counts = count(strategy, replicas, 300, T0);
        for (Replica replica : replicas) {
            assertEquals(100, counts.get(replica), replica.name());
        }
    }

    @Test
    void balancesTheLoadItCreates() {
        Replica[] replicas = replicas(1, 1, 1);
        for (int i = 0; i < 300; i++) {
            strategy.pick(replicas, null, NONE, T0).started();
        }
        for (Replica replica : replicas) {
            assertEquals(100, replica.outstanding(), replica.name());
        }
    }

    @Test
    void comparesTwoRandomReplicasAmongMany() {
        Replica[] replicas = replicas(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        started(replicas[3], 100);
        Map<Replica, Integer> counts = count(strategy, replicas, 5000, T0);
        assertEquals(0, counts.get(replicas[3]), "never the busier of two");
        for (int i = 0; i < replicas.length; i++) {
            if (i != 3) {
                assertTrue(counts.get(replicas[i]) > 350, replicas[i].name() + ": " + counts.get(replicas[i]));
            }
        }
    }

    @Test
    void takesTheUsableOneOfTwoRandomReplicas() {
        Replica[] replicas = replicas(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        eject(replicas[7], T0);
        Map<Replica, Integer> counts = count(strategy, replicas, 5000, T0);
        assertEquals(0, counts.get(replicas[7]));
        assertEquals(5000, counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void findsTheLastAvailableAmongMany() {
        Replica[] replicas = replicas(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        for (int i = 1; i < replicas.length; i++) {
            eject(replicas[i], T0);
        }
        for (int i = 0; i < 50; i++) {
            Replica picked = strategy.pick(replicas, null, NONE, T0);
            assertNotNull(picked);
            assertSame(replicas[0], picked);
        }
    }

    private static void started(Replica replica, int requests) {
        for (int i = 0; i < requests; i++) {
            replica.started();
        }
    }
}
