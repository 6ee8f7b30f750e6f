package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.ThreadLocalRandom;

/** What the strategies share: which replicas qualify, slow start, and a scan in rotation order. */
final class Candidates {

    private Candidates() {
    }

    /** Whether the replica is available and not excluded. */
    static boolean eligible(Replica replica, Replica[] exclude, long now) {
        return !excluded(replica, exclude) && replica.available(now);
    }

    /** Whether the replica is among those excluded, by identity. */
    static boolean excluded(Replica replica, Replica[] exclude) {
        if (exclude != null) {
            for (Replica excluded : exclude) {
                if (excluded == replica) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a replica easing back in takes this request: always at full share, else with its slow-start factor. */
    static boolean admits(Replica replica, long now) {
        double factor = replica.health().slowStartFactor(now);
        return factor >= 1.0 || ThreadLocalRandom.current().nextDouble() < factor;
    }

    /** The first eligible replica from start on, wrapping once; one in slow start only if no other qualifies. */
    static Replica rotate(Replica[] replicas, int start, Replica[] exclude, long now) {
        int count = replicas.length;
        Replica fallback = null;
        for (int step = 0; step < count; step++) {
            int index = start + step;
            Replica replica = replicas[index < count ? index : index - count];
            if (eligible(replica, exclude, now)) {
                if (admits(replica, now)) {
                    return replica;
                }
                if (fallback == null) {
                    fallback = replica;
                }
            }
        }
        return fallback;
    }

    /** A position in [0, count) from an ever-growing counter. */
    static int position(long counter, int count) {
        return (int) Long.remainderUnsigned(counter, count);
    }
}
