package io.agentx.router.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        HealthSettings settings = HealthSettings.defaults();
        assertEquals(2, settings.unhealthyThreshold());
        assertEquals(2, settings.healthyThreshold());
        assertEquals(5, settings.ejectAfterFailures());
        assertEquals(TimeUnit.SECONDS.toNanos(10), settings.ejectionNanos());
        assertEquals(TimeUnit.MINUTES.toNanos(5), settings.maxEjectionNanos());
        assertEquals(TimeUnit.SECONDS.toNanos(10), settings.slowStartNanos());
        assertEquals(20, settings.breakerWindow());
        assertEquals(10, settings.breakerMinCalls());
        assertEquals(0.5, settings.breakerFailureRate());
        assertEquals(TimeUnit.SECONDS.toNanos(15), settings.breakerOpenNanos());
    }

    @Test
    void rejectionsNameTheField() {
        assertRejected("unhealthyThreshold", () -> new HealthSettings(0, 2, 5, 10, 20, 0, 20, 10, 0.5, 15));
        assertRejected("healthyThreshold", () -> new HealthSettings(2, 0, 5, 10, 20, 0, 20, 10, 0.5, 15));
        assertRejected("ejectAfterFailures", () -> new HealthSettings(2, 2, 0, 10, 20, 0, 20, 10, 0.5, 15));
        assertRejected("ejectionNanos", () -> new HealthSettings(2, 2, 5, 0, 20, 0, 20, 10, 0.5, 15));
        assertRejected("maxEjectionNanos", () -> new HealthSettings(2, 2, 5, 10, 9, 0, 20, 10, 0.5, 15));
        assertRejected("slowStartNanos", () -> new HealthSettings(2, 2, 5, 10, 20, -1, 20, 10, 0.5, 15));
        assertRejected("breakerWindow", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 0, 10, 0.5, 15));
        assertRejected("breakerMinCalls", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 0, 0.5, 15));
        assertRejected("breakerMinCalls", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 21, 0.5, 15));
        assertRejected("breakerFailureRate", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 10, 0.0, 15));
        assertRejected("breakerFailureRate", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 10, 1.5, 15));
        assertRejected("breakerFailureRate", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 10, Double.NaN, 15));
        assertRejected("breakerOpenNanos", () -> new HealthSettings(2, 2, 5, 10, 20, 0, 20, 10, 0.5, 0));
    }

    private static void assertRejected(String field, Runnable construction) {
        IllegalArgumentException rejection = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(rejection.getMessage().startsWith(field + " "), rejection.getMessage());
    }
}
