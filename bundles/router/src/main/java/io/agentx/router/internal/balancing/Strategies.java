package io.agentx.router.internal.balancing;

import io.agentx.router.internal.Replica;
import java.util.List;

/** Makes balancing strategies by their configuration names. */
public final class Strategies {
    /** The names of all strategies. */
    public static final List<String> NAMES = List.of(RoundRobin.NAME, SmoothWeightedRoundRobin.NAME,
            LeastOutstanding.NAME, PeakEwma.NAME, ContextAffinity.NAME);

    private Strategies() {
    }

    /** The strategy of that name for these replicas; an unknown name is an IllegalArgumentException. */
    public static BalancingStrategy create(String name, Replica[] replicas) {
        if (name == null) {
            throw unknown(null);
        }
        return switch (name) {
            case RoundRobin.NAME -> new RoundRobin();
            case SmoothWeightedRoundRobin.NAME -> new SmoothWeightedRoundRobin(replicas);
            case LeastOutstanding.NAME -> new LeastOutstanding();
            case PeakEwma.NAME -> new PeakEwma();
            case ContextAffinity.NAME -> new ContextAffinity(ContextAffinity.DEFAULT_MAX_BINDINGS, replicas);
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown balancing strategy '" + name + "', expected one of "
                + String.join(", ", NAMES));
    }
}
