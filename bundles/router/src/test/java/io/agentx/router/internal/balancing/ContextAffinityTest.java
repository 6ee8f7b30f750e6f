package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.NONE;
import static io.agentx.router.internal.balancing.TestReplicas.SECOND;
import static io.agentx.router.internal.balancing.TestReplicas.T0;
import static io.agentx.router.internal.balancing.TestReplicas.eject;
import static io.agentx.router.internal.balancing.TestReplicas.replica;
import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextAffinityTest {
    private final Replica[] replicas = replicas(1, 1, 1);
    private final ContextAffinity strategy = new ContextAffinity(ContextAffinity.DEFAULT_MAX_BINDINGS, replicas);

    @Test
    void keepsAContextOnOneReplica() {
        Replica first = strategy.pick(replicas, "ctx-1", NONE, T0);
        for (int i = 0; i < 1000; i++) {
            strategy.pick(replicas, null, NONE, T0);
            assertSame(first, strategy.pick(replicas, "ctx-1", NONE, T0));
        }
    }

    @Test
    void spreadsContexts() {
        Map<Replica, Integer> counts = new IdentityHashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(strategy.pick(replicas, "ctx-" + i, NONE, T0), 1, Integer::sum);
        }
        for (Replica replica : replicas) {
            assertEquals(100, counts.get(replica), replica.name());
        }
    }

    @Test
    void movesAContextOffAnUnavailableReplicaAndKeepsItThere() {
        Replica first = strategy.pick(replicas, "ctx", NONE, T0);
        eject(first, T0);
        Replica second = strategy.pick(replicas, "ctx", NONE, T0);
        assertNotSame(first, second);
        for (int i = 0; i < 100; i++) {
            assertSame(second, strategy.pick(replicas, "ctx", NONE, T0 + i));
        }
        long later = T0 + 30 * SECOND;
        assertTrue(first.available(later));
        assertSame(second, strategy.pick(replicas, "ctx", NONE, later));
    }

    @Test
    void movesAContextOffAnExcludedReplica() {
        Replica first = strategy.pick(replicas, "ctx", NONE, T0);
        Replica retry = strategy.pick(replicas, "ctx", new Replica[] {first}, T0);
        assertNotSame(first, retry);
        assertSame(retry, strategy.pick(replicas, "ctx", NONE, T0));
    }

    @Test
    void keepsBindingsOfRemainingReplicasAcrossChanges() {
        Map<String, Replica> bound = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            bound.put("ctx-" + i, strategy.pick(replicas, "ctx-" + i, NONE, T0));
        }
        Replica added = replica("r3", 1);
        Replica[] changed = {replicas[0], added, replicas[2]};
        BalancingStrategy next = strategy.withReplicas(changed);
        bound.forEach((key, replica) -> {
            Replica picked = next.pick(changed, key, NONE, T0);
            assertNotNull(picked);
            if (replica != replicas[1]) {
                assertSame(replica, picked, key);
            } else {
                assertNotSame(replicas[1], picked, key);
            }
        });
    }

    @Test
    void forgetsContextsBeyondItsBound() {
        ContextAffinity bounded = new ContextAffinity(10, replicas);
        for (int i = 0; i < 100; i++) {
            assertNotNull(bounded.pick(replicas, "ctx-" + i, NONE, T0));
            assertTrue(bounded.bindings() <= 10, "bindings " + bounded.bindings());
        }
        Replica latest = bounded.pick(replicas, "ctx-99", NONE, T0);
        assertSame(latest, bounded.pick(replicas, "ctx-99", NONE, T0));
    }

    @Test
    void requestsWithoutContextGoRoundWithoutBinding() {
        Map<Replica, Integer> counts = TestReplicas.count(strategy, replicas, 300, T0);
        for (Replica replica : replicas) {
            assertEquals(100, counts.get(replica), replica.name());
        }
        assertEquals(0, strategy.bindings());
    }

    @Test
    void aContextInUseOutlivesManyNewOnes() {
        ContextAffinity bounded = new ContextAffinity(100, replicas);
        Replica hot = bounded.pick(replicas, "ctx-hot", NONE, T0);
        for (int i = 0; i < 10_000; i++) {
            bounded.pick(replicas, "ctx-new-" + i, NONE, T0);
            if (i % 40 == 0) {
                assertSame(hot, bounded.pick(replicas, "ctx-hot", NONE, T0), "after " + i + " new contexts");
            }
            assertTrue(bounded.bindings() <= 100, "bindings " + bounded.bindings());
        }
    }

    @Test
    void concurrentPickersEachKeepTheirContexts() throws Exception {
        ContextAffinity shared = new ContextAffinity(ContextAffinity.DEFAULT_MAX_BINDINGS, replicas);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> moved = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                moved.add(pool.submit(() -> {
                    Map<String, Replica> mine = new HashMap<>();
                    int changed = 0;
                    for (int i = 0; i < 20_000; i++) {
                        String context = "t" + thread + "-ctx-" + (i % 2_000);
                        Replica picked = shared.pick(replicas, context, NONE, T0);
                        Replica before = mine.putIfAbsent(context, picked);
                        if (before != null && before != picked) {
                            changed++;
                        }
                    }
                    return changed;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : moved) {
                assertEquals(0, result.get(), "contexts that changed replica while bound");
            }
            assertEquals(8_000, shared.bindings());
        } finally {
            pool.shutdownNow();
        }
    }
}
