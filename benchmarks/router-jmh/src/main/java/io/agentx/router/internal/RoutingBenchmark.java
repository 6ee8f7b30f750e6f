package io.agentx.router.internal;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision as {@link Router#execute} makes it for a new task: look up the agent's group in the
 * directory (10 000 agents × 3 replicas by default) and let its strategy pick a replica, with the clock read the
 * router does per request. Agent ids and context ids come from pre-generated arrays (random agents, one context per
 * slot), so the measured loop allocates nothing. Goal (PERFORMANCE.md): ≥ 5 M decisions/s per strategy, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingBenchmark {
    /** Pre-generated requests; a power of two so that the next slot is a mask, not a division. */
    private static final int REQUESTS = 1 << 16;

    @Param({"round-robin", "weighted-round-robin", "least-outstanding", "peak-ewma", "context-affinity"})
    public String strategy;

    @Param("10000")
    public int agents;

    @Param("3")
    public int replicas;

    private AgentDirectory directory;
    private String[] agentIds;
    private String[] contextIds;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        directory = BenchAgents.directory(strategy);
        String[] ids = new String[agents];
        long serviceId = 1;
        for (int agent = 0; agent < agents; agent++) {
            ids[agent] = BenchAgents.agentId(agent);
            for (int replica = 0; replica < replicas; replica++) {
                if (!directory.add(new BenchAgents.NoopAgent(), BenchAgents.properties(ids[agent], replica, serviceId++))) {
                    throw new IllegalStateException("not added: " + ids[agent]);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        agentIds = new String[REQUESTS];
        contextIds = new String[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            // a copy, as the router gets the id from a request path, not the registered instance
            agentIds[i] = new String(ids[random.nextInt(agents)]);
            agentIds[i].hashCode();
            contextIds[i] = "ctx-" + Long.toHexString(random.nextLong());
            contextIds[i].hashCode();
        }
        if (directory.group(agentIds[0]).replicas().length != replicas) {
            throw new IllegalStateException("directory not built as expected");
        }
    }

    /** Looks up the group of the next agent and picks a replica for the next context. */
    @Benchmark
    public Replica decision() {
        int slot = next++ & (REQUESTS - 1);
        AgentGroup group = directory.group(agentIds[slot]);
        return group.pick(contextIds[slot], AgentGroup.NONE, System.nanoTime());
    }
}
