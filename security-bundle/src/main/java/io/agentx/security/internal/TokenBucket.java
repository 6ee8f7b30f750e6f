package io.agentx.security.internal;

/** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond, double burst, long now) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes one token; returns 0 if there was one, else the nanoseconds until there will be. */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }
}
