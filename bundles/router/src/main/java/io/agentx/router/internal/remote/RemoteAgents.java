package io.agentx.router.internal.remote;

import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aClients;
import io.agentx.a2a.client.A2aConnector;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.router.internal.health.HealthOverrides;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote A2A agent from its factory configuration: registers an {@link Agent} service per replica (card
 * URL) for the router, and follows configuration changes live — replicas keep their health and task ids when
 * only credentials, timeouts, weights or the strategy change.
 */
@Component(configurationPid = "io.agentx.router.remote", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = RemoteAgentConfig.class, factory = true)
public final class RemoteAgents {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteAgents.class);
    /** The service property through which a remote agent's own balancing strategy reaches the router. */
    public static final String STRATEGY = "agentx.router.strategy";
    /** Remote tasks followed at once (streams, non-blocking sends) beyond which callers' threads follow them. */
    private static final int MAX_FOLLOWERS = 1024;

    private final BundleContext context;
    private final Map<URI, Registered> replicas = new LinkedHashMap<>();
    private final Map<String, FrameworkAdapter> adapters = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadPoolExecutor followers;
    /** The configuration waiting for its framework's adapter, if it is missing. */
    private RemoteAgentConfig pending;

    private record Registered(RemoteReplica replica, ServiceRegistration<Agent> registration,
            Hashtable<String, Object> properties) {
    }

    @Activate
    public RemoteAgents(BundleContext context, RemoteAgentConfig config) {
        this.context = context;
        AtomicInteger count = new AtomicInteger();
        String name = "agentx-remote-" + config.agentId() + "-";
        this.followers = new ThreadPoolExecutor(0, MAX_FOLLOWERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        apply(config);
    }

    @Modified
    void modified(RemoteAgentConfig config) {
        apply(config);
    }

    /** A framework's adapter arrived: a configuration that named that framework and waited is applied now. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addAdapter(FrameworkAdapter adapter) {
        adapters.put(adapter.framework(), adapter);
        if (pending != null && pending.framework().strip().equals(adapter.framework())) {
            apply(pending);
        }
    }

    /** Card URLs once derived stay; only configurations applied later need the adapter. */
    void removeAdapter(FrameworkAdapter adapter) {
        adapters.remove(adapter.framework(), adapter);
    }

    @Deactivate
    synchronized void deactivate() {
        replicas.values().forEach(registered -> unregister(registered.registration()));
        replicas.clear();
        followers.shutdownNow();
    }

    private synchronized void apply(RemoteAgentConfig config) {
        String agentId = config.agentId() == null ? "" : config.agentId().trim();
        if (!agentId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("agentId of a remote agent (PID io.agentx.router.remote) must be letters, "
                    + "digits, '-', '_' or '.'; got '" + config.agentId() + "'");
        }
        List<URI> urls;
        try {
            urls = cardUrls(config);
            pending = null;
        } catch (MissingAdapterException waiting) {
            pending = config;
            LOG.warn("Remote agent '{}' waits for the '{}' framework adapter to know its card URLs", agentId,
                    waiting.getMessage());
            return;
        }
        A2aConnector connector = A2aClients.connector(options(config));
        RemoteSettings settings = new RemoteSettings(Duration.ofMillis(config.healthIntervalMillis()),
                Duration.ofSeconds(config.requestTimeoutSeconds()),
                Optional.ofNullable(config.probePath()).filter(path -> !path.isBlank())
                        .map(path -> new PathProbe(path, Duration.ofMillis(config.connectTimeoutMillis()))),
                config.passCallerCredentials());
        for (URI gone : new ArrayList<>(replicas.keySet())) {
            Registered registered = replicas.get(gone);
            if (!urls.contains(gone) || !registered.properties().get(AgentId.NAME).equals(agentId)) {
                unregister(registered.registration());
                replicas.remove(gone);
            }
        }
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(AgentId.NAME, agentId);
            properties.put(AgentReplica.NAME, CardUrls.shown(url));
            properties.put(AgentReplica.WEIGHT, i < config.weights().length ? Math.max(1, config.weights()[i]) : 1);
            properties.put(STRATEGY, config.strategy());
            properties.put(HealthOverrides.UNHEALTHY_THRESHOLD, config.unhealthyThreshold());
            properties.put(HealthOverrides.HEALTHY_THRESHOLD, config.healthyThreshold());
            properties.put(HealthOverrides.EJECT_AFTER_FAILURES, config.ejectAfterFailures());
            properties.put(HealthOverrides.EJECTION_SECONDS, config.ejectionSeconds());
            properties.put(HealthOverrides.BREAKER_FAILURE_PERCENT, config.breakerFailurePercent());
            Registered existing = replicas.get(url);
            if (existing == null) {
                RemoteReplica replica = new RemoteReplica(agentId, url, connector, settings, followers);
                replicas.put(url, new Registered(replica, context.registerService(Agent.class, replica, properties),
                        properties));
            } else {
                existing.replica().reconfigure(connector, settings);
                if (!existing.properties().equals(properties)) {
                    existing.registration().setProperties(properties);
                    replicas.put(url, new Registered(existing.replica(), existing.registration(), properties));
                }
            }
        }
        LOG.info("Remote agent '{}': {} replica(s) {}", agentId, urls.size(), urls.stream().map(CardUrls::shown).toList());
    }

    /** Raised when card URLs are to come from a framework adapter that is not installed; its message names it. */
    private static final class MissingAdapterException extends Exception {
        MissingAdapterException(String framework) {
            super(framework, null, false, false);
        }
    }

    /** The configured card URLs, or those the framework's adapter derives from the base URLs. */
    private List<String> cardUrlTexts(RemoteAgentConfig config) throws MissingAdapterException {
        String[] configured = config.cardUrls() == null ? new String[0] : config.cardUrls();
        String framework = config.framework() == null ? "" : config.framework().strip();
        if (configured.length > 0 || framework.isEmpty()) {
            return List.of(configured);
        }
        FrameworkAdapter adapter = adapters.get(framework);
        if (adapter == null) {
            throw new MissingAdapterException(framework);
        }
        String name = config.remoteAgentName() == null || config.remoteAgentName().isBlank() ? config.agentId()
                : config.remoteAgentName().strip();
        List<String> derived = new ArrayList<>();
        for (String base : config.baseUrls() == null ? new String[0] : config.baseUrls()) {
            String url = adapter.remoteCardUrl(base.strip(), name);
            if (url == null) {
                throw new IllegalArgumentException("remote agent '" + config.agentId() + "': the '" + framework
                        + "' framework does not serve A2A itself; give cardUrls");
            }
            derived.add(url);
        }
        return derived;
    }

    private List<URI> cardUrls(RemoteAgentConfig config) throws MissingAdapterException {
        List<URI> urls = new ArrayList<>();
        for (String text : cardUrlTexts(config)) {
            if (text == null || text.isBlank()) {
                continue;
            }
            URI url;
            try {
                url = URI.create(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cardUrls of remote agent '" + config.agentId() + "': '" + text
                        + "' is not a URL", e);
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("cardUrls of remote agent '" + config.agentId()
                        + "' must be absolute http(s) URLs; got '" + text + "'");
            }
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("remote agent '" + config.agentId() + "' has no cardUrls (nor a "
                    + "framework with baseUrls)");
        }
        return urls;
    }

    private static A2aClientOptions options(RemoteAgentConfig config) {
        A2aClientOptions.Builder options = A2aClientOptions.builder()
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMillis()))
                .requestTimeout(Duration.ofSeconds(config.requestTimeoutSeconds()))
                .streamReadTimeout(Duration.ofSeconds(config.streamIdleTimeoutSeconds()));
        if (config.apiKey() != null && !config.apiKey().isEmpty()) {
            options.apiKey(config.apiKeyHeader(), config.apiKey());
        }
        if (config.bearerToken() != null && !config.bearerToken().isEmpty()) {
            options.bearerToken(config.bearerToken());
        }
        if (config.preferredBinding() != null && !config.preferredBinding().isBlank()) {
            options.preferBinding(config.preferredBinding());
        }
        return options.build();
    }

    private static void unregister(ServiceRegistration<Agent> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }
}
