package io.agentx.router.internal;

import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.ResumesTasks;
import io.agentx.router.internal.balancing.BalancingStrategy;
import io.agentx.router.internal.balancing.PeakEwmaLatency;
import io.agentx.router.internal.balancing.Strategies;
import io.agentx.router.internal.health.HealthOverrides;
import io.agentx.router.internal.health.HealthSettings;
import io.agentx.router.internal.health.ReplicaHealth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every agent the router can reach, grouped by agent id. Readers get an immutable {@link AgentGroup} from a
 * concurrent map without locking; a change to one agent's replicas rebuilds and swaps only that agent's group.
 */
final class AgentDirectory {
    /** Service property by which an agent declares its own balancing strategy (remote agents do). */
    static final String DECLARED_STRATEGY = "agentx.router.strategy";
    private static final Comparator<Replica> ORDER = Comparator.comparing(Replica::name)
            .thenComparingLong(Replica::serviceId);

    private final Map<Long, Replica> byService = new HashMap<>();
    /** Services declaring {@code agentx.agent.resumesTasks=true}. */
    private final java.util.Set<Long> resuming = new java.util.HashSet<>();
    private final Map<String, Map<Long, Replica>> byAgent = new HashMap<>();
    private final Map<Long, String> declaredStrategies = new HashMap<>();
    private final Map<Long, HealthOverrides> healthOverrides = new HashMap<>();
    private final Map<String, AgentGroup> groups = new ConcurrentHashMap<>();
    private volatile long changes;
    private volatile SortedIds sortedIds = new SortedIds(-1, List.of());

    private record SortedIds(long version, List<String> ids) {
    }
    private Function<String, String> strategyOf;
    private HealthSettings health;

    AgentDirectory(Function<String, String> strategyOf, HealthSettings health) {
        this.strategyOf = strategyOf;
        this.health = health;
    }

    AgentGroup group(String agentId) {
        return agentId == null ? null : groups.get(agentId);
    }

    List<String> agentIds() {
        long version = changes;
        SortedIds cached = sortedIds;
        if (cached.version() != version) {
            cached = new SortedIds(version, groups.keySet().stream().sorted().toList());
            sortedIds = cached;
        }
        return cached.ids();
    }

    Map<String, AgentGroup> groups() {
        return groups;
    }

    /** The replica of a registered agent service, or null. */
    synchronized Replica replica(Map<String, Object> properties) {
        return byService.get((Long) properties.get("service.id"));
    }

    /** Adds an agent service; returns false (and ignores it) when it names no valid agent id. */
    synchronized boolean add(Agent agent, Map<String, Object> properties) {
        Object id = properties.get(AgentId.NAME);
        if (!(id instanceof String agentId) || agentId.isBlank()) {
            return false;
        }
        long serviceId = (Long) properties.get("service.id");
        HealthOverrides overrides = HealthOverrides.of(properties);
        if (overrides != null) {
            healthOverrides.put(serviceId, overrides);
        } else {
            healthOverrides.remove(serviceId);
        }
        Object name = properties.get(AgentReplica.NAME);
        String replicaName = name instanceof String text && !text.isBlank() ? text : "service " + serviceId;
        Replica previous = byService.get(serviceId);
        HealthSettings own = healthOf(overrides);
        ReplicaHealth replicaHealth;
        if (previous != null) {
            replicaHealth = previous.health();
            replicaHealth.reconfigure(own, System.nanoTime());
        } else {
            replicaHealth = new ReplicaHealth(own, agent instanceof Probe);
        }
        Replica replica = new Replica(agentId, replicaName, serviceId, agent, weight(properties.get(AgentReplica.WEIGHT)),
                replicaHealth, previous != null ? previous.latency()
                        : new PeakEwmaLatency(PeakEwmaLatency.DEFAULT_DECAY_NANOS));
        byService.put(serviceId, replica);
        if (Boolean.TRUE.equals(properties.get(ResumesTasks.NAME)) || "true".equals(properties.get(ResumesTasks.NAME))) {
            resuming.add(serviceId);
        } else {
            resuming.remove(serviceId);
        }
        Object declared = properties.get(DECLARED_STRATEGY);
        if (declared instanceof String strategy && Strategies.NAMES.contains(strategy)) {
            declaredStrategies.put(serviceId, strategy);
        } else {
            declaredStrategies.remove(serviceId);
        }
        if (previous != null) {
            forget(previous);
        }
        byAgent.computeIfAbsent(agentId, key -> new HashMap<>()).put(serviceId, replica);
        rebuild(agentId);
        return true;
    }

    /** Whether the agent has replicas and every one of them declares that it resumes tasks after a restart. */
    synchronized boolean resumesTasks(String agentId) {
        Map<Long, Replica> replicas = byAgent.get(agentId);
        return replicas != null && !replicas.isEmpty() && resuming.containsAll(replicas.keySet());
    }

    synchronized void remove(Map<String, Object> properties) {
        resuming.remove(properties.get("service.id"));
        Replica removed = byService.remove((Long) properties.get("service.id"));
        declaredStrategies.remove((Long) properties.get("service.id"));
        healthOverrides.remove((Long) properties.get("service.id"));
        if (removed != null) {
            forget(removed);
        }
    }

    private void forget(Replica replica) {
        Map<Long, Replica> members = byAgent.get(replica.agentId());
        if (members != null && members.remove(replica.serviceId()) != null) {
            if (members.isEmpty()) {
                byAgent.remove(replica.agentId());
            }
            rebuild(replica.agentId());
        }
    }

    /** Applies new settings: every group gets its (possibly changed) strategy, every replica the health tunables. */
    synchronized void reconfigure(Function<String, String> strategyOf, HealthSettings health) {
        this.strategyOf = strategyOf;
        this.health = health;
        long now = System.nanoTime();
        for (Replica replica : byService.values()) {
            replica.health().reconfigure(healthOf(healthOverrides.get(replica.serviceId())), now);
        }
        for (String agentId : List.copyOf(groups.keySet())) {
            rebuild(agentId);
        }
    }

    private void rebuild(String agentId) {
        Map<Long, Replica> members = byAgent.getOrDefault(agentId, Map.of());
        if (members.isEmpty()) {
            if (groups.remove(agentId) != null) {
                refreshIds();
            }
            return;
        }
        Replica[] replicas = members.values().toArray(AgentGroup.NONE);
        Arrays.sort(replicas, ORDER);
        String strategyName = strategyOf.apply(agentId);
        for (Replica replica : replicas) {
            String declared = declaredStrategies.get(replica.serviceId());
            if (declared != null) {
                strategyName = declared;
                break;
            }
        }
        AgentGroup previous = groups.get(agentId);
        BalancingStrategy strategy = previous != null && previous.strategy().name().equals(strategyName)
                ? previous.strategy().withReplicas(replicas) : Strategies.create(strategyName, replicas);
        groups.put(agentId, new AgentGroup(agentId, replicas, strategy));
        if (previous == null) {
            refreshIds();
        }
    }

    private void refreshIds() {
        changes++;
    }

    /** The router's health settings, with what an agent service sets for itself. */
    private HealthSettings healthOf(HealthOverrides overrides) {
        return overrides == null ? health : overrides.applyTo(health);
    }

    private static int weight(Object value) {
        if (value instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        if (value instanceof String text) {
            try {
                return Math.max(1, Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }
}
