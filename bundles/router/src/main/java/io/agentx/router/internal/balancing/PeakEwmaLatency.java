package io.agentx.router.internal.balancing;

import java.util.concurrent.TimeUnit;

/**
 * A peak-sensitive moving average of a replica's latency (as in Finagle and linkerd): a slower sample raises the
 * estimate at once, faster ones lower it gradually, and without samples it decays toward zero so the replica is
 * tried again.
 */
public final class PeakEwmaLatency {
    /** How fast old samples lose weight: after this time a sample counts 1/e. */
    public static final long DEFAULT_DECAY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Estimate(double nanos, long at) {
    }

    private final double decayNanos;
    private volatile Estimate estimate;
    private volatile long samples;

    /** An estimate whose samples lose weight over decayNanos. */
    public PeakEwmaLatency(long decayNanos) {
        if (decayNanos <= 0) {
            throw new IllegalArgumentException("decayNanos must be at least 1, was " + decayNanos);
        }
        this.decayNanos = decayNanos;
    }

    /** Adds the latency of a request that finished at the given time. */
    public synchronized void record(long now, long latencyNanos) {
        Estimate current = estimate;
        double sample = Math.max(0, latencyNanos);
        if (current == null) {
            estimate = new Estimate(sample, now);
        } else {
            double weight = weight(current, now);
            double decayed = current.nanos * weight;
            double next = sample > decayed ? sample : decayed + sample * (1.0 - weight);
            estimate = new Estimate(next, now - current.at > 0 ? now : current.at);
        }
        samples++;
    }

    /** The estimated latency at the given time, 0 before any sample. */
    public double estimateNanos(long now) {
        Estimate current = estimate;
        return current == null ? 0.0 : current.nanos * weight(current, now);
    }

    /** How many latencies were recorded. */
    public long samples() {
        return samples;
    }

    private double weight(Estimate current, long now) {
        long elapsed = now - current.at;
        return elapsed <= 0 ? 1.0 : Math.exp(-elapsed / decayNanos);
    }
}
