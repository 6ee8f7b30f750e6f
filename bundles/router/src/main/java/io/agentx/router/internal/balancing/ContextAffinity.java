package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;

/**
 * Keeps the requests of one A2A context on one replica: a context goes where it went before while that replica is
 * available, otherwise round robin chooses and it stays there. Requests without a context go round robin. Slow start
 * only affects where new contexts go: a context stays with its replica while that replica eases back in.
 */
public final class ContextAffinity extends ContextBindings implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "context-affinity";
    /** How many contexts it remembers unless told otherwise. */
    public static final int DEFAULT_MAX_BINDINGS = 100_000;

    private final int maxBindings;
    private final Replica[] madeFor;
    private final RoundRobin fallback = new RoundRobin();

    /** A strategy for these replicas remembering at most maxBindings contexts; beyond, the least recently used go. */
    public ContextAffinity(int maxBindings, Replica[] replicas) {
        super(checked(maxBindings));
        this.maxBindings = maxBindings;
        this.madeFor = replicas;
    }

    @Override
    public Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now) {
        if (affinityKey == null) {
            return fallback.pick(replicas, null, exclude, now);
        }
        int bound = find(affinityKey);
        if (bound >= 0 && bound < replicas.length && Candidates.eligible(replicas[bound], exclude, now)) {
            return replicas[bound];
        }
        Replica chosen = fallback.pick(replicas, null, exclude, now);
        if (chosen != null && replicas.length <= ContextBindings.MAX_REPLICAS) {
            bind(affinityKey, indexOf(replicas, chosen));
        }
        return chosen;
    }

    @Override
    public BalancingStrategy withReplicas(Replica[] replicas) {
        int[] newIndexOfOld = new int[madeFor.length];
        for (int i = 0; i < madeFor.length; i++) {
            newIndexOfOld[i] = indexOf(replicas, madeFor[i]);
        }
        ContextAffinity next = new ContextAffinity(maxBindings, replicas);
        copyRemapped(newIndexOfOld, next);
        return next;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** How many contexts it currently remembers. */
    int bindings() {
        return size();
    }

    private static int indexOf(Replica[] replicas, Replica replica) {
        for (int i = 0; i < replicas.length; i++) {
            if (replicas[i] == replica) {
                return i;
            }
        }
        return -1;
    }

    private static int checked(int maxBindings) {
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        return maxBindings;
    }
}
