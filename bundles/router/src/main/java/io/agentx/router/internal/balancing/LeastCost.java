package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the cheapest replica: by a full scan in rotation order for a few replicas, by the better of two random ones
 * (power of two choices) for many. Equal costs go to the one with fewer outstanding requests.
 */
final class LeastCost {
    /** Up to this many replicas are all compared; beyond, two random ones. */
    static final int SCAN_LIMIT = 8;

    /** What a replica costs to send a request to. */
    @FunctionalInterface
    interface Cost {
        double of(Replica replica, long now);
    }

    private LeastCost() {
    }

    /** The cheapest eligible replica, or null; one in slow start is skipped by chance unless no other qualifies. */
    static Replica pick(Replica[] replicas, int start, Replica[] exclude, long now, Cost cost) {
        if (replicas.length > SCAN_LIMIT) {
            Replica chosen = betterOfTwo(replicas, exclude, now, cost);
            if (chosen != null) {
                return chosen;
            }
        }
        return scan(replicas, start, exclude, now, cost);
    }

    private static Replica scan(Replica[] replicas, int start, Replica[] exclude, long now, Cost cost) {
        int count = replicas.length;
        Replica best = null;
        double bestCost = 0;
        Replica fallback = null;
        double fallbackCost = 0;
        for (int step = 0; step < count; step++) {
            int index = start + step;
            Replica replica = replicas[index < count ? index : index - count];
            if (!Candidates.eligible(replica, exclude, now)) {
                continue;
            }
            double replicaCost = cost.of(replica, now);
            if (Candidates.admits(replica, now)) {
                if (best == null || cheaper(replica, replicaCost, best, bestCost)) {
                    best = replica;
                    bestCost = replicaCost;
                }
            } else if (fallback == null || cheaper(replica, replicaCost, fallback, fallbackCost)) {
                fallback = replica;
                fallbackCost = replicaCost;
            }
        }
        return best != null ? best : fallback;
    }

    private static Replica betterOfTwo(Replica[] replicas, Replica[] exclude, long now, Cost cost) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(replicas.length);
        int second = random.nextInt(replicas.length - 1);
        if (second >= first) {
            second++;
        }
        Replica a = usable(replicas[first], exclude, now);
        Replica b = usable(replicas[second], exclude, now);
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        return cheaper(b, cost.of(b, now), a, cost.of(a, now)) ? b : a;
    }

    private static Replica usable(Replica replica, Replica[] exclude, long now) {
        return Candidates.eligible(replica, exclude, now) && Candidates.admits(replica, now) ? replica : null;
    }

    private static boolean cheaper(Replica replica, double replicaCost, Replica other, double otherCost) {
        return replicaCost < otherCost
                || (replicaCost == otherCost && replica.outstanding() < other.outstanding());
    }
}
