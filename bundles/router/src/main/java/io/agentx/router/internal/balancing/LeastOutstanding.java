package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.atomic.AtomicLong;

/** Sends each request to the replica with the fewest requests in progress; ties go round. */
public final class LeastOutstanding implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "least-outstanding";

    private static final LeastCost.Cost OUTSTANDING = (replica, now) -> replica.outstanding();

    private final AtomicLong counter = new AtomicLong();

    @Override
    public Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now) {
        if (replicas.length == 0) {
            return null;
        }
        int start = Candidates.position(counter.getAndIncrement(), replicas.length);
        return LeastCost.pick(replicas, start, exclude, now, OUTSTANDING);
    }

    @Override
    public BalancingStrategy withReplicas(Replica[] replicas) {
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }
}
