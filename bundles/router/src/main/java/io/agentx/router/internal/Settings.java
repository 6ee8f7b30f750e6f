package io.agentx.router.internal;

import io.agentx.router.internal.balancing.Strategies;
import io.agentx.router.internal.health.HealthSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router's configuration, parsed and checked once per change. */
record Settings(List<RoutingRule> routes, String defaultStrategy, Map<String, String> strategies,
        HealthSettings health) {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    String strategyOf(String agentId) {
        return strategies.getOrDefault(agentId, defaultStrategy);
    }

    /** Reads a configuration; an invalid entry is logged and skipped (the rest applies). */
    static Settings of(RouterConfig config) {
        List<RoutingRule> routes = new ArrayList<>();
        for (String route : config.routes()) {
            if (route == null || route.isBlank()) {
                continue;
            }
            try {
                routes.add(RoutingRule.parse(route));
            } catch (IllegalArgumentException e) {
                LOG.error("Ignoring a gateway route of PID io.agentx.router: {}", e.getMessage());
            }
        }
        String defaultStrategy = known(config.defaultStrategy(), "defaultStrategy") ? config.defaultStrategy()
                : "round-robin";
        Map<String, String> strategies = new HashMap<>();
        for (String entry : config.strategies()) {
            int equals = entry == null ? -1 : entry.indexOf('=');
            if (equals <= 0) {
                LOG.error("Ignoring strategies entry '{}' of PID io.agentx.router: expected <agentId>=<strategy>", entry);
                continue;
            }
            String strategy = entry.substring(equals + 1).trim();
            if (known(strategy, "strategies entry '" + entry + "'")) {
                strategies.put(entry.substring(0, equals).trim(), strategy);
            }
        }
        return new Settings(List.copyOf(routes), defaultStrategy, Map.copyOf(strategies), health(config));
    }

    private static boolean known(String strategy, String where) {
        if (Strategies.NAMES.contains(strategy)) {
            return true;
        }
        LOG.error("Ignoring {} of PID io.agentx.router: unknown strategy '{}'; known: {}", where, strategy,
                Strategies.NAMES);
        return false;
    }

    static HealthSettings health(RouterConfig config) {
        HealthSettings defaults = HealthSettings.defaults();
        return new HealthSettings(defaults.unhealthyThreshold(), defaults.healthyThreshold(),
                config.ejectAfterFailures(), TimeUnit.SECONDS.toNanos(config.ejectionSeconds()),
                Math.max(defaults.maxEjectionNanos(), TimeUnit.SECONDS.toNanos(config.ejectionSeconds())),
                TimeUnit.SECONDS.toNanos(config.slowStartSeconds()), config.breakerWindow(),
                Math.min(defaults.breakerMinCalls(), config.breakerWindow()), config.breakerFailurePercent() / 100.0,
                TimeUnit.SECONDS.toNanos(config.breakerOpenSeconds()));
    }
}
