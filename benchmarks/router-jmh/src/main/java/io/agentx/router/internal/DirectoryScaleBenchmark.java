package io.agentx.router.internal;

import io.agentx.api.Agent;
import io.agentx.router.internal.balancing.Strategies;
import io.agentx.router.internal.health.HealthSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The directory at scale (a plain main: one-shot timings and heap figures do not suit JMH): registers 100 000 agents
 * with 1 and with 3 replicas each through {@link AgentDirectory#add}, then rebuilds every group by reconfiguring the
 * default strategy to each other strategy in turn. Reports the time to register, per add, the heap the directory
 * holds (used heap after full GCs, after minus before) and each full rebuild.
 * Goals (PERFORMANCE.md): ≤ 256 MB heap for 100 000 agents, snapshot rebuild ≤ 200 ms.
 *
 * <p>Usage: java -Xmx1g -cp target/router-jmh.jar io.agentx.router.internal.DirectoryScaleBenchmark [agents=100000]
 * [replicas per agent, comma-separated=1,3]
 */
public final class DirectoryScaleBenchmark {
    private static final double MB = 1024.0 * 1024.0;
    private static final long HEAP_GOAL = 256L * 1024 * 1024;
    private static final long REBUILD_GOAL_NANOS = 200_000_000L;

    private DirectoryScaleBenchmark() {
    }

    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int[] replicaCounts = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 3};
        System.out.printf("JDK %s, %d cores, max heap %.0f MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MB);
        boolean allMet = true;
        for (int replicas : replicaCounts) {
            allMet &= run(agents, replicas);
        }
        System.out.println(allMet ? "all goals met" : "SOME GOALS MISSED");
    }

    private static boolean run(int agents, int replicas) {
        System.out.printf("%n== %,d agents x %d replica(s) = %,d replicas%n", agents, replicas, agents * replicas);
        long before = usedAfterGc();
        // the registrations are made beforehand so that neither their time nor their garbage counts; after the adds
        // only what the directory references stays reachable (ids, names, service ids, the no-op agents)
        List<Agent> services = new ArrayList<>(agents * replicas);
        List<Map<String, Object>> properties = new ArrayList<>(agents * replicas);
        long serviceId = 1;
        for (int agent = 0; agent < agents; agent++) {
            String agentId = BenchAgents.agentId(agent);
            for (int replica = 0; replica < replicas; replica++) {
                services.add(new BenchAgents.NoopAgent());
                properties.add(BenchAgents.properties(agentId, replica, serviceId++));
            }
        }
        AgentDirectory directory = BenchAgents.directory("round-robin");
        long start = System.nanoTime();
        for (int i = 0; i < services.size(); i++) {
            directory.add(services.get(i), properties.get(i));
        }
        long addNanos = System.nanoTime() - start;
        if (directory.groups().size() != agents) {
            throw new IllegalStateException("expected " + agents + " groups, got " + directory.groups().size());
        }
        int registered = services.size();
        services = null;
        properties = null;
        long after = usedAfterGc();
        long heap = after - before;
        System.out.printf("register:  %,.0f ms total, %.2f us per add%n", addNanos / 1e6, addNanos / 1e3 / registered);
        System.out.printf("heap:      %.1f MB held by the directory (used after full GCs: %.1f MB before, %.1f MB"
                + " after; ids, replica names and the no-op agents included)  goal <= 256 MB: %s%n",
                heap / MB, before / MB, after / MB, heap <= HEAP_GOAL ? "met" : "MISSED");

        boolean met = heap <= HEAP_GOAL;
        String current = "round-robin";
        List<String> order = new ArrayList<>(Strategies.NAMES);
        order.add("round-robin");
        order.remove("round-robin"); // the first rebuild goes to a strategy other than the current one
        long worst = 0;
        for (String strategy : order) {
            String target = strategy;
            start = System.nanoTime();
            directory.reconfigure(agentId -> target, HealthSettings.defaults());
            long rebuildNanos = System.nanoTime() - start;
            worst = Math.max(worst, rebuildNanos);
            System.out.printf("rebuild:   %-21s -> %-21s %,7.1f ms%n", current, strategy, rebuildNanos / 1e6);
            current = strategy;
            if ("context-affinity".equals(strategy)) { // the strategy with the most per-group state
                System.out.printf("heap:      %.1f MB held with context-affinity (no bindings yet)%n",
                        (usedAfterGc() - before) / MB);
            }
        }
        System.out.printf("rebuild:   slowest %.1f ms  goal <= 200 ms: %s%n", worst / 1e6,
                worst <= REBUILD_GOAL_NANOS ? "met" : "MISSED");
        met &= worst <= REBUILD_GOAL_NANOS;
        if (directory.group(BenchAgents.agentId(0)).replicas().length != replicas) {
            throw new IllegalStateException("directory not built as expected");
        }
        return met;
    }

    /** Used heap after a few full collections. */
    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
