package io.agentx.router.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthOverridesTest {
    private final HealthSettings router = HealthSettings.defaults();

    @Test
    void aServiceWithoutOverridesHasTheRoutersSettings() {
        assertNull(HealthOverrides.of(Map.of("agentx.agent.id", "a")));
        assertNull(HealthOverrides.of(Map.of(HealthOverrides.EJECT_AFTER_FAILURES, 0)), "0 keeps the router's value");
    }

    @Test
    void eachSetValueReplacesTheRoutersAndTheRestStay() {
        HealthSettings own = HealthOverrides.of(Map.of(HealthOverrides.EJECT_AFTER_FAILURES, 2,
                HealthOverrides.EJECTION_SECONDS, "30", HealthOverrides.BREAKER_FAILURE_PERCENT, 80L,
                HealthOverrides.UNHEALTHY_THRESHOLD, 3)).applyTo(router);
        assertEquals(2, own.ejectAfterFailures());
        assertEquals(TimeUnit.SECONDS.toNanos(30), own.ejectionNanos());
        assertEquals(0.8, own.breakerFailureRate());
        assertEquals(3, own.unhealthyThreshold());
        assertEquals(router.healthyThreshold(), own.healthyThreshold());
        assertEquals(router.breakerWindow(), own.breakerWindow());
        assertEquals(router.maxEjectionNanos(), own.maxEjectionNanos());
    }

    @Test
    void anEjectionLongerThanTheRoutersLongestRaisesTheLongest() {
        HealthSettings own = HealthOverrides.of(Map.of(HealthOverrides.EJECTION_SECONDS, 3600)).applyTo(router);
        assertEquals(TimeUnit.HOURS.toNanos(1), own.ejectionNanos());
        assertEquals(TimeUnit.HOURS.toNanos(1), own.maxEjectionNanos());
    }

    @Test
    void unreadableOrNegativeValuesAreIgnored() {
        assertNull(HealthOverrides.of(Map.of(HealthOverrides.EJECT_AFTER_FAILURES, "many",
                HealthOverrides.EJECTION_SECONDS, -5)));
    }
}
