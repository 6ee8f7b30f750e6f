package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each request to the replica expected to answer soonest: its peak-EWMA latency times its requests in progress
 * plus one. A replica without a latency yet costs nothing while idle, so it gets tried, but a penalty while busy, so
 * it is not flooded before its first answer.
 */
public final class PeakEwma implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "peak-ewma";
    /** The cost of a replica that has requests in progress but no latency yet (as in Finagle). */
    static final double UNMEASURED_BUSY_COST = Long.MAX_VALUE >> 16;

    private static final LeastCost.Cost EXPECTED_LATENCY = PeakEwma::cost;

    private final AtomicLong counter = new AtomicLong();

    @Override
    public Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now) {
        if (replicas.length == 0) {
            return null;
        }
        int start = Candidates.position(counter.getAndIncrement(), replicas.length);
        return LeastCost.pick(replicas, start, exclude, now, EXPECTED_LATENCY);
    }

    @Override
    public BalancingStrategy withReplicas(Replica[] replicas) {
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** What sending the replica one more request costs, in expected nanoseconds. */
    static double cost(Replica replica, long now) {
        double latency = replica.latency().estimateNanos(now);
        int outstanding = Math.max(0, replica.outstanding());
        if (latency == 0.0) {
            return outstanding == 0 ? 0.0 : UNMEASURED_BUSY_COST;
        }
        return latency * (outstanding + 1);
    }
}
