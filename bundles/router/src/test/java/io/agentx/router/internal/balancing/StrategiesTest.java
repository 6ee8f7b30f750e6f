package io.agentx.router.internal.balancing;

import static io.agentx.router.internal.balancing.TestReplicas.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.router.internal.Replica;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void makesEachStrategyByName() {
        Replica[] replicas = replicas(1, 2);
        for (String name : Strategies.NAMES) {
            BalancingStrategy strategy = Strategies.create(name, replicas);
            assertEquals(name, strategy.name());
            assertEquals(name, strategy.withReplicas(replicas(3)).name());
        }
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException rejection = assertThrows(IllegalArgumentException.class,
                () -> Strategies.create("random", replicas(1)));
        for (String name : Strategies.NAMES) {
            assertTrue(rejection.getMessage().contains(name), rejection.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Strategies.create(null, replicas(1)));
    }
}
