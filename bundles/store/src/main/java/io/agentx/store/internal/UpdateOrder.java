package io.agentx.store.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers task updates in the order they are written, for "most recently updated first": microseconds since the
 * epoch, bumped to stay strictly increasing even when the clock steps back or two updates share a microsecond.
 */
final class UpdateOrder {
    private final AtomicLong last = new AtomicLong();

    /** Never hands out a number at or below {@code floor} (the highest one already stored). */
    void atLeast(long floor) {
        last.accumulateAndGet(floor, Math::max);
    }

    long next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return last.accumulateAndGet(micros, (previous, clock) -> Math.max(previous + 1, clock));
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
