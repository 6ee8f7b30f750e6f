package io.agentx.router.internal;

import io.agentx.api.Agent;
import io.agentx.router.internal.balancing.PeakEwmaLatency;
import io.agentx.router.internal.health.ReplicaHealth;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of an agent: an {@link Agent} service among those sharing an agent id. Its health, outstanding
 * requests and latency survive directory rebuilds because the directory keeps one replica per service.
 */
public final class Replica {
    private final String agentId;
    private final String name;
    private final long serviceId;
    private final Agent agent;
    private final int weight;
    private final ReplicaHealth health;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final PeakEwmaLatency latency;

    /**
     * @param agentId the agent id it serves
     * @param name how operators know it (a card URL, a bundle…), unique within the agent
     * @param serviceId the service id of its {@link Agent} registration
     * @param agent the agent
     * @param weight its relative share for weighted strategies, at least 1
     * @param health its health state
     * @param latency its latency estimate
     */
    public Replica(String agentId, String name, long serviceId, Agent agent, int weight, ReplicaHealth health,
            PeakEwmaLatency latency) {
        this.agentId = agentId;
        this.name = name;
        this.serviceId = serviceId;
        this.agent = agent;
        this.weight = Math.max(1, weight);
        this.health = health;
        this.latency = latency;
    }

    public String agentId() {
        return agentId;
    }

    public String name() {
        return name;
    }

    public long serviceId() {
        return serviceId;
    }

    public Agent agent() {
        return agent;
    }

    public int weight() {
        return weight;
    }

    public ReplicaHealth health() {
        return health;
    }

    public PeakEwmaLatency latency() {
        return latency;
    }

    /** Requests sent to this replica that have not finished yet. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Whether it may receive a request now: healthy, not ejected, breaker not open. */
    public boolean available(long nowNanos) {
        return health.allowsRequest(nowNanos);
    }

    /** Claims the right to send it a request (a half-open breaker lets one trial through); false: pick another. */
    public boolean tryAcquire(long nowNanos) {
        return health.tryAcquire(nowNanos);
    }

    /** Counts a request sent to it. */
    public void started() {
        outstanding.incrementAndGet();
    }

    /** Counts a request it finished, with how long it took and whether it went well. */
    public void finished(long nowNanos, long latencyNanos, boolean success) {
        outstanding.decrementAndGet();
        latency.record(nowNanos, latencyNanos);
        if (success) {
            health.succeeded(nowNanos);
        } else {
            health.failed(nowNanos);
        }
    }

    @Override
    public String toString() {
        return agentId + "@" + name;
    }
}
