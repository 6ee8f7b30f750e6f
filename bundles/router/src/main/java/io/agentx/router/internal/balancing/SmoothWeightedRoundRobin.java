package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nginx's smooth weighted round robin, lock-free: the smooth sequence for the replicas' weights is computed once and
 * an atomic index steps through it; an unavailable or excluded replica's turn passes to the next in the sequence.
 * Given replicas other than those it was made for, it takes them in turn.
 */
public final class SmoothWeightedRoundRobin implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "weighted-round-robin";
    /** The longest sequence (unless there are more replicas); larger weight sums are scaled down to fit. */
    static final int MAX_SEQUENCE = 10_000;

    private final Replica[] replicas;
    private final int[] sequence;
    private final AtomicLong counter = new AtomicLong();

    /** The strategy for these replicas and their weights. */
    public SmoothWeightedRoundRobin(Replica[] replicas) {
        this.replicas = replicas;
        this.sequence = smoothSequence(weights(replicas));
    }

    @Override
    public Replica pick(Replica[] candidates, String affinityKey, Replica[] exclude, long now) {
        if (candidates.length == 0) {
            return null;
        }
        if (!sameReplicas(candidates)) {
            return Candidates.rotate(candidates, Candidates.position(counter.getAndIncrement(), candidates.length),
                    exclude, now);
        }
        Replica replica = next();
        if (Candidates.eligible(replica, exclude, now) && Candidates.admits(replica, now)) {
            return replica;
        }
        Replica fallback = Candidates.rotate(replicas, 0, exclude, now);
        if (fallback == null) {
            return null;
        }
        for (int step = 1; step < sequence.length; step++) {
            replica = next();
            if (Candidates.eligible(replica, exclude, now) && Candidates.admits(replica, now)) {
                return replica;
            }
        }
        return fallback;
    }

    @Override
    public BalancingStrategy withReplicas(Replica[] newReplicas) {
        return new SmoothWeightedRoundRobin(newReplicas);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The replica order of one full cycle, as indexes into the replicas it was made for. */
    int[] sequence() {
        return sequence.clone();
    }

    private Replica next() {
        return replicas[sequence[Candidates.position(counter.getAndIncrement(), sequence.length)]];
    }

    private boolean sameReplicas(Replica[] candidates) {
        if (candidates == replicas) {
            return true;
        }
        if (candidates.length != replicas.length) {
            return false;
        }
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] != replicas[i]) {
                return false;
            }
        }
        return true;
    }

    private static long[] weights(Replica[] replicas) {
        long[] weights = new long[replicas.length];
        long divisor = 0;
        for (int i = 0; i < replicas.length; i++) {
            weights[i] = Math.max(1, replicas[i].weight());
            divisor = gcd(divisor, weights[i]);
        }
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= divisor;
            sum += weights[i];
        }
        if (sum > MAX_SEQUENCE) {
            long budget = Math.max(0, MAX_SEQUENCE - weights.length);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.max(1, weights[i] * budget / sum);
            }
        }
        return weights;
    }

    private static int[] smoothSequence(long[] weights) {
        long total = 0;
        for (long weight : weights) {
            total += weight;
        }
        int[] sequence = new int[(int) total];
        long[] current = new long[weights.length];
        for (int slot = 0; slot < sequence.length; slot++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            sequence[slot] = best;
        }
        return sequence;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
