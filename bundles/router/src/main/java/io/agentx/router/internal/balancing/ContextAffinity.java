package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the requests of one A2A context on one replica: a context goes where it went before while that replica is
 * available, otherwise round robin chooses and it stays there. Requests without a context go round robin. Slow start
 * only affects where new contexts go: a context stays with its replica while that replica eases back in.
 */
public final class ContextAffinity implements BalancingStrategy {
    /** Its configuration name. */
    public static final String NAME = "context-affinity";
    /** How many contexts it remembers unless told otherwise. */
    public static final int DEFAULT_MAX_BINDINGS = 100_000;

    private final int maxBindings;
    private final ConcurrentHashMap<String, Replica> bindings;
    private final AtomicLong counter = new AtomicLong();

    /** A strategy remembering at most maxBindings contexts; beyond, arbitrary ones are forgotten. */
    public ContextAffinity(int maxBindings) {
        this(maxBindings, new ConcurrentHashMap<>());
    }

    private ContextAffinity(int maxBindings, ConcurrentHashMap<String, Replica> bindings) {
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        this.maxBindings = maxBindings;
        this.bindings = bindings;
    }

    @Override
    public Replica pick(Replica[] replicas, String affinityKey, Replica[] exclude, long now) {
        if (affinityKey != null) {
            Replica bound = bindings.get(affinityKey);
            if (bound != null && Candidates.eligible(bound, exclude, now)) {
                return bound;
            }
        }
        if (replicas.length == 0) {
            return null;
        }
        int start = Candidates.position(counter.getAndIncrement(), replicas.length);
        Replica chosen = Candidates.rotate(replicas, start, exclude, now);
        if (affinityKey != null && chosen != null) {
            bind(affinityKey, chosen);
        }
        return chosen;
    }

    @Override
    public BalancingStrategy withReplicas(Replica[] replicas) {
        Set<Replica> present = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(present, replicas);
        ConcurrentHashMap<String, Replica> kept = new ConcurrentHashMap<>();
        for (Map.Entry<String, Replica> binding : bindings.entrySet()) {
            if (present.contains(binding.getValue())) {
                kept.put(binding.getKey(), binding.getValue());
            }
        }
        return new ContextAffinity(maxBindings, kept);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** How many contexts it currently remembers. */
    int bindings() {
        return bindings.size();
    }

    private void bind(String affinityKey, Replica replica) {
        if (bindings.put(affinityKey, replica) == null && bindings.size() > maxBindings) {
            Iterator<String> keys = bindings.keySet().iterator();
            while (bindings.size() > maxBindings && keys.hasNext()) {
                String key = keys.next();
                if (!key.equals(affinityKey)) {
                    keys.remove();
                }
            }
        }
    }
}
