package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.count;
import static io.agentx.router.internal.balancing.TestReplicas.eject;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {
    private final Replica[] replicas = replicas(5, 1, 1);
    private final SmoothWeightedRoundRobin strategy = new SmoothWeightedRoundRobin(replicas);

    @Test
    void followsTheWeightsExactly() {
        Map<Replica, Integer> counts = count(strategy, replicas, 7000, T0);
        assertEquals(5000, counts.get(replicas[0]));
        assertEquals(1000, counts.get(replicas[1]));
        assertEquals(1000, counts.get(replicas[2]));
    }

    @Test
    void spreadsTheHeavyReplicaLikeNginx() {
        assertArrayEquals(new int[] {0, 0, 1, 0, 2, 0, 0}, strategy.sequence());
        Replica previous = null;
        int run = 0;
        int longestRun = 0;
        for (int i = 0; i < 700; i++) {
            Replica picked = strategy.pick(replicas, null, NONE, T0);
            run = picked == previous ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
            previous = picked;
        }
        assertEquals(4, longestRun, "two at the end of one cycle, two at the start of the next");
    }

    @Test
    void keepsTheRemainingWeightsWhenAReplicaIsUnavailable() {
        eject(replicas[2], T0);
        Map<Replica, Integer> counts = count(strategy, replicas, 6000, T0);
        assertEquals(5000, counts.get(replicas[0]));
        assertEquals(1000, counts.get(replicas[1]));
        assertEquals(0, counts.get(replicas[2]));
    }

    @Test
    void honoursExclusionAndFindsNoneWhenNothingQualifies() {
        Replica[] exclude = {replicas[0], replicas[2]};
        for (int i = 0; i < 20; i++) {
            assertSame(replicas[1], strategy.pick(replicas, null, exclude, T0));
        }
        eject(replicas[1], T0);
        assertNull(strategy.pick(replicas, null, exclude, T0));
    }

    @Test
    void reducesAndCapsTheSequence() {
        assertArrayEquals(new int[] {2, 0, 1, 2, 0, 2}, new SmoothWeightedRoundRobin(replicas(40, 20, 60)).sequence());
        int[] capped = new SmoothWeightedRoundRobin(replicas(1_000_000, 3, 1)).sequence();
        assertTrue(capped.length <= SmoothWeightedRoundRobin.MAX_SEQUENCE, "length " + capped.length);
        assertTrue(contains(capped, 1) && contains(capped, 2));
    }

    @Test
    void aNewReplicaSetGetsItsOwnSequence() {
        Replica[] changed = {replicas[0], replicas[1]};
        BalancingStrategy rebuilt = strategy.withReplicas(changed);
        Map<Replica, Integer> counts = count(rebuilt, changed, 6000, T0);
        assertEquals(5000, counts.get(replicas[0]));
        assertEquals(1000, counts.get(replicas[1]));
    }

    private static boolean contains(int[] sequence, int index) {
        for (int entry : sequence) {
            if (entry == index) {
                return true;
            }
        }
        return false;
    }
}
