package io.agentx.router.internal.health;

import java.util.concurrent.TimeUnit;

/**
 * The tunables of a replica's health: active checks, passive ejection, slow start and the circuit breaker.
 *
 * @param unhealthyThreshold consecutive failed probes that mark an up replica down
 * @param healthyThreshold consecutive successful probes that mark a down replica up again
 * @param ejectAfterFailures consecutive failed requests that eject a replica
 * @param ejectionNanos how long the first ejection lasts; each repeated one lasts twice as long
 * @param maxEjectionNanos the longest an ejection lasts
 * @param slowStartNanos how long a replica's share ramps from 10 % to 100 % after it comes back; 0 disables
 * @param breakerWindow how many of the last outcomes the circuit breaker looks at
 * @param breakerMinCalls how many outcomes the window needs before the breaker may open
 * @param breakerFailureRate the fraction of failures in the window that opens the breaker
 * @param breakerOpenNanos how long an open breaker rejects before letting a trial through
 */
public record HealthSettings(int unhealthyThreshold, int healthyThreshold, int ejectAfterFailures, long ejectionNanos,
        long maxEjectionNanos, long slowStartNanos, int breakerWindow, int breakerMinCalls, double breakerFailureRate,
        long breakerOpenNanos) {

    public HealthSettings {
        atLeast("unhealthyThreshold", unhealthyThreshold, 1);
        atLeast("healthyThreshold", healthyThreshold, 1);
        atLeast("ejectAfterFailures", ejectAfterFailures, 1);
        atLeast("ejectionNanos", ejectionNanos, 1);
        atLeast("maxEjectionNanos", maxEjectionNanos, ejectionNanos);
        atLeast("slowStartNanos", slowStartNanos, 0);
        atLeast("breakerWindow", breakerWindow, 1);
        atLeast("breakerMinCalls", breakerMinCalls, 1);
        if (breakerMinCalls > breakerWindow) {
            throw new IllegalArgumentException("breakerMinCalls must be at most breakerWindow (" + breakerWindow
                    + "), was " + breakerMinCalls);
        }
        if (!(breakerFailureRate > 0.0 && breakerFailureRate <= 1.0)) {
            throw new IllegalArgumentException("breakerFailureRate must be above 0 and at most 1, was "
                    + breakerFailureRate);
        }
        atLeast("breakerOpenNanos", breakerOpenNanos, 1);
    }

    /** The defaults: 2/2 probes, eject after 5 failures for 10 s (up to 5 min), 10 s slow start, 50 % of 20 opens. */
    public static HealthSettings defaults() {
        return new HealthSettings(2, 2, 5, TimeUnit.SECONDS.toNanos(10), TimeUnit.MINUTES.toNanos(5),
                TimeUnit.SECONDS.toNanos(10), 20, 10, 0.5, TimeUnit.SECONDS.toNanos(15));
    }

    private static void atLeast(String field, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
        }
    }
}
