package io.agentx.router.internal;

import io.agentx.router.internal.balancing.BalancingStrategy;

/** The replicas of one agent id and the strategy that balances among them: immutable, replaced on change. */
record AgentGroup(String agentId, Replica[] replicas, BalancingStrategy strategy) {
    static final Replica[] NONE = new Replica[0];

    Replica pick(String contextId, Replica[] tried, long now) {
        return strategy.pick(replicas, contextId, tried, now);
    }

    boolean contains(Replica replica) {
        for (Replica candidate : replicas) {
            if (candidate == replica) {
                return true;
            }
        }
        return false;
    }

    /** The replica whose card stands for the agent: the first available one, else the first. */
    Replica representative(long now) {
        for (Replica replica : replicas) {
            if (replica.available(now)) {
                return replica;
            }
        }
        return replicas[0];
    }
}
