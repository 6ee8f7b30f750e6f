package io.agentx.router.internal.health;

/** The linear ramp of a replica's share after it comes back: 10 % at once, 100 % when the slow start is over. */
final class SlowStart {
    static final double INITIAL_FACTOR = 0.1;

    private SlowStart() {
    }

    /** The share factor after elapsedNanos of a ramp lasting durationNanos. */
    static double factor(long elapsedNanos, long durationNanos) {
        if (durationNanos <= 0 || elapsedNanos >= durationNanos) {
            return 1.0;
        }
        if (elapsedNanos <= 0) {
            return INITIAL_FACTOR;
        }
        return INITIAL_FACTOR + (1.0 - INITIAL_FACTOR) * elapsedNanos / durationNanos;
    }
}
