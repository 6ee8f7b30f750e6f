package io.agentx.router.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-replica request counts, errors, outstanding requests and latency (a bucketed histogram, so that Prometheus
 * can aggregate it), kept in Micrometer. Registries other bundles publish as services are added to the composite
 * so they receive the same meters.
 */
final class RouterMetrics implements AutoCloseable {
    /** Latency buckets every registry keeps (percentile histograms proper are kept only by aggregating ones). */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000,
            60_000_000, 300_000_000).mapToObj(micros -> Duration.ofNanos(micros * 1000)).toArray(Duration[]::new);

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    /** The meters of one replica; {@code current} is the replica as last registered (its service may change). */
    record Meters(AtomicReference<Replica> current, Counter requests, Counter errors, Timer latency, Gauge outstanding) {
        List<Meter> all() {
            return List.<Meter>of(requests, errors, latency, outstanding);
        }
    }

    /** Figures of one replica for the operations view. */
    record Figures(long requests, long errors, double meanMillis, double p50Millis, double p95Millis, double p99Millis) {
    }

    RouterMetrics() {
        registry.add(new SimpleMeterRegistry());
    }

    void add(MeterRegistry other) {
        registry.add(other);
    }

    void remove(MeterRegistry other) {
        registry.remove(other);
    }

    void record(Replica replica, long latencyNanos, boolean healthy) {
        Meters replicaMeters = meters(replica);
        replicaMeters.requests().increment();
        if (!healthy) {
            replicaMeters.errors().increment();
        }
        replicaMeters.latency().record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    Figures figures(Replica replica) {
        return figures(List.of(replica));
    }

    /**
     * The figures of several replicas together (an agent's): counts summed, the mean over all their requests, and
     * percentiles from their histograms added bucket by bucket (every replica's latency has the same buckets).
     */
    Figures figures(List<Replica> replicas) {
        long requests = 0;
        long errors = 0;
        long timed = 0;
        double totalMillis = 0;
        double maxMillis = 0;
        double[] cumulative = null;
        double[] bounds = null;
        for (Replica replica : replicas) {
            Meters replicaMeters = meters.get(key(replica));
            if (replicaMeters == null) {
                continue;
            }
            requests += (long) replicaMeters.requests().count();
            errors += (long) replicaMeters.errors().count();
            HistogramSnapshot snapshot = replicaMeters.latency().takeSnapshot();
            timed += snapshot.count();
            totalMillis += snapshot.total(TimeUnit.MILLISECONDS);
            maxMillis = Math.max(maxMillis, snapshot.max(TimeUnit.MILLISECONDS));
            CountAtBucket[] buckets = snapshot.histogramCounts();
            if (cumulative == null) {
                cumulative = new double[buckets.length];
                bounds = new double[buckets.length];
                for (int i = 0; i < buckets.length; i++) {
                    bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
                }
            }
            for (int i = 0; i < Math.min(buckets.length, cumulative.length); i++) {
                cumulative[i] += buckets[i].count();
            }
        }
        double mean = timed == 0 ? 0 : totalMillis / timed;
        return new Figures(requests, errors, mean, percentile(cumulative, bounds, maxMillis, 0.5),
                percentile(cumulative, bounds, maxMillis, 0.95), percentile(cumulative, bounds, maxMillis, 0.99));
    }

    /**
     * The upper bound of the histogram bucket holding the given share of the recent samples, in milliseconds.
     * {@code cumulative[i]}: samples up to {@code bounds[i]}.
     */
    private static double percentile(double[] cumulative, double[] bounds, double maxMillis, double share) {
        if (cumulative == null || cumulative.length == 0 || cumulative[cumulative.length - 1] == 0) {
            return 0;
        }
        double total = cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= share * total) {
                return bounds[i];
            }
        }
        return maxMillis;
    }

    void forget(Replica replica) {
        Meters removed = meters.remove(key(replica));
        if (removed != null) {
            removed.all().forEach(registry::remove);
        }
    }

    private static String key(Replica replica) {
        return replica.agentId() + '\u0000' + replica.name();
    }

    private Meters meters(Replica replica) {
        Meters existing = meters.get(key(replica));
        if (existing == null) {
            existing = meters.computeIfAbsent(key(replica), key -> create(replica));
        }
        if (existing.current().get() != replica) {
            existing.current().set(replica);
        }
        return existing;
    }

    private Meters create(Replica replica) {
        String[] tags = {"agent", replica.agentId(), "replica", replica.name()};
        AtomicReference<Replica> current = new AtomicReference<>(replica);
        return new Meters(current,
                Counter.builder("agentx.router.requests").description("Requests routed to a replica").tags(tags)
                        .register(registry),
                Counter.builder("agentx.router.errors")
                        .description("Requests that failed at the replica's transport (unreachable, timeout, 5xx)")
                        .tags(tags).register(registry),
                Timer.builder("agentx.router.latency").description("Time until the replica settled the request")
                        .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(20_000))
                        .maximumExpectedValue(Duration.ofMinutes(5)).serviceLevelObjectives(BUCKETS).register(registry),
                Gauge.builder("agentx.router.outstanding", current, latest -> latest.get().outstanding())
                        .description("Requests sent to the replica and not yet settled").tags(tags).register(registry));
    }

    @Override
    public void close() {
        registry.close();
    }
}
