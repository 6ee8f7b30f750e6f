package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.count;
import static io.agentx.router.internal.balancing.TestReplicas.eject;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agentx.router.internal.Replica;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
    private final Replica[] replicas = replicas(1, 1, 1);
    private final RoundRobin strategy = new RoundRobin();

    @Test
    void takesEachReplicaInTurn() {
        Map<Replica, Integer> counts = count(strategy, replicas, 3000, T0);
        for (Replica replica : replicas) {
            assertEquals(1000, counts.get(replica), replica.name());
        }
    }

    @Test
    void skipsAnUnavailableReplica() {
        eject(replicas[1], T0);
        Map<Replica, Integer> counts = count(strategy, replicas, 3000, T0);
        assertEquals(0, counts.get(replicas[1]));
        assertEquals(3000, counts.get(replicas[0]) + counts.get(replicas[2]));
    }

    @Test
    void skipsExcludedReplicas() {
        Replica[] exclude = {replicas[0], replicas[2]};
        for (int i = 0; i < 10; i++) {
            assertSame(replicas[1], strategy.pick(replicas, null, exclude, T0));
        }
        Replica[] one = {replicas[0]};
        for (int i = 0; i < 10; i++) {
            assertNotSame(replicas[0], strategy.pick(replicas, null, one, T0));
        }
    }

    @Test
    void findsNoneWhenAllAreUnavailable() {
        for (Replica replica : replicas) {
            eject(replica, T0);
        }
        assertNull(strategy.pick(replicas, null, NONE, T0));
        assertNull(strategy.pick(new Replica[0], null, NONE, T0));
    }
}
