package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.concurrent.atomic.AtomicLong;

/** Takes the replicas in turn, skipping those unavailable or excluded. */
public final class RoundRobin implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "round-robin";

    private final AtomicLong counter = new AtomicLong();

    @Override
    public Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now) {
        if (replicas.length == 0) {
            return null;
        }
        int start = Candidates.position(counter.getAndIncrement(), replicas.length);
        return Candidates.rotate(replicas, start, exclude, now);
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
