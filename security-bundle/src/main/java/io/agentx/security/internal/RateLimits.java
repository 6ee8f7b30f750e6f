package io.agentx.security.internal;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Per-principal and per-tenant request rates; a limit of 0 is no limit. */
final class RateLimits {
    private static final int MAX_BUCKETS = 100_000;

    private final double principalRate;
    private final double principalBurst;
    private final double tenantRate;
    private final double tenantBurst;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> principals = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> tenants = new ConcurrentHashMap<>();

    RateLimits(double principalRate, int principalBurst, double tenantRate, int tenantBurst, LongSupplier clock) {
        this.principalRate = principalRate;
        this.principalBurst = principalBurst > 0 ? principalBurst : Math.max(1, principalRate);
        this.tenantRate = tenantRate;
        this.tenantBurst = tenantBurst > 0 ? tenantBurst : Math.max(1, tenantRate);
        this.clock = clock;
    }

    /**
     * Counts a request.
     *
     * @throws AccessDeniedException RATE_LIMITED saying which limit and when to retry
     */
    void count(AuthenticatedPrincipal principal) {
        if (principalRate > 0) {
            take(principals, principal.name(), principalRate, principalBurst, "principal '" + principal.name() + "'");
        }
        if (tenantRate > 0 && principal.tenant() != null) {
            take(tenants, principal.tenant(), tenantRate, tenantBurst, "tenant '" + principal.tenant() + "'");
        }
    }

    private void take(Map<String, TokenBucket> buckets, String key, double rate, double burst, String who) {
        long now = clock.getAsLong();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // forgetting saved-up bursts is harmless; unbounded growth is not
        }
        long wait = buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now)).take(now);
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            throw new AccessDeniedException(AccessDeniedException.Reason.RATE_LIMITED, "the " + who + " sent more than "
                    + format(rate) + " requests a second; retry in " + seconds + " s", seconds);
        }
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
