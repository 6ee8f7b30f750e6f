package io.agentx.router.internal.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Health settings one agent service sets for itself, over the router's: a remote agent's configuration publishes
 * them as service properties. 0 keeps the router's value.
 *
 * @param unhealthyThreshold consecutive failed probes that mark a replica down
 * @param healthyThreshold consecutive passed probes that mark it up again
 * @param ejectAfterFailures consecutive failed requests that eject a replica
 * @param ejectionSeconds how long a first ejection lasts
 * @param breakerFailurePercent the share of failures in the breaker's window that opens it
 */
public record HealthOverrides(int unhealthyThreshold, int healthyThreshold, int ejectAfterFailures, int ejectionSeconds,
        int breakerFailurePercent) {
    public static final String UNHEALTHY_THRESHOLD = "agentx.router.unhealthyThreshold";
    public static final String HEALTHY_THRESHOLD = "agentx.router.healthyThreshold";
    public static final String EJECT_AFTER_FAILURES = "agentx.router.ejectAfterFailures";
    public static final String EJECTION_SECONDS = "agentx.router.ejectionSeconds";
    public static final String BREAKER_FAILURE_PERCENT = "agentx.router.breakerFailurePercent";

    /** The overrides among a service's properties; {@code null} when it sets none. */
    public static HealthOverrides of(Map<String, Object> properties) {
        HealthOverrides overrides = new HealthOverrides(positive(properties.get(UNHEALTHY_THRESHOLD)),
                positive(properties.get(HEALTHY_THRESHOLD)), positive(properties.get(EJECT_AFTER_FAILURES)),
                positive(properties.get(EJECTION_SECONDS)), Math.min(100, positive(properties.get(BREAKER_FAILURE_PERCENT))));
        return overrides.equals(new HealthOverrides(0, 0, 0, 0, 0)) ? null : overrides;
    }

    /** The router's settings with these overrides applied. */
    public HealthSettings applyTo(HealthSettings router) {
        long ejectionNanos = ejectionSeconds > 0 ? TimeUnit.SECONDS.toNanos(ejectionSeconds) : router.ejectionNanos();
        return new HealthSettings(or(unhealthyThreshold, router.unhealthyThreshold()),
                or(healthyThreshold, router.healthyThreshold()), or(ejectAfterFailures, router.ejectAfterFailures()),
                ejectionNanos, Math.max(router.maxEjectionNanos(), ejectionNanos), router.slowStartNanos(),
                router.breakerWindow(), router.breakerMinCalls(),
                breakerFailurePercent > 0 ? breakerFailurePercent / 100.0 : router.breakerFailureRate(),
                router.breakerOpenNanos());
    }

    private static int or(int own, int router) {
        return own > 0 ? own : router;
    }

    private static int positive(Object value) {
        if (value instanceof Number number) {
            return Math.max(0, number.intValue());
        }
        if (value instanceof String text) {
            try {
                return Math.max(0, Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
