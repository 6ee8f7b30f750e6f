package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;

/** Chooses which replica of an agent serves a request; thread-safe and lock-free on {@link #pick}. */
public interface BalancingStrategy {

    /**
     * Chooses a replica.
     *
     * @param replicas the agent's replicas, those this strategy was made for
     * @param affinityKey the A2A context id, or null
     * @param exclude replicas already tried for this request, compared by identity; may be empty
     * @param now the current time, System.nanoTime()-style
     * @return an available replica not excluded, or null when none qualifies
     */
    Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now);

    /** The strategy for a changed replica set, keeping the state that must survive the change. */
    BalancingStrategy withReplicas(Replica[] replicas);

    /** The name it is configured by. */
    String name();
}
