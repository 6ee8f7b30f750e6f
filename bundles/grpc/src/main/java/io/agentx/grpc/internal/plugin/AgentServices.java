package io.agentx.grpc.internal.plugin;

import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.ResumesTasks;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Agent} services of connected plugins' agents. An agent that declares a framework is served only while
 * that framework's adapter is installed: it waits for the adapter, goes away with it and comes back with it.
 */
final class AgentServices {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServices.class);

    private final BundleContext context;
    private final FrameworkAdapters adapters;
    private final Map<PluginSession, List<Served>> bySession = new HashMap<>();

    /** One agent of a session, with its service registration while it is served. */
    private static final class Served {
        final PluginAgent agent;
        ServiceRegistration<Agent> registration;

        Served(PluginAgent agent) {
            this.agent = agent;
        }
    }

    AgentServices(BundleContext context, FrameworkAdapters adapters) {
        this.context = context;
        this.adapters = adapters;
    }

    synchronized void attach(PluginSession session, List<PluginAgent> agents) {
        List<Served> served = new ArrayList<>();
        for (PluginAgent agent : agents) {
            Served entry = new Served(agent);
            served.add(entry);
            if (agent.framework().isEmpty() || adapters.adapter(agent.framework()).isPresent()) {
                register(session, entry);
            } else {
                LOG.warn("Agent '{}' of plugin '{}' waits for the '{}' framework adapter (installed adapters: {})",
                        agent.agentId(), session.name(), agent.framework(), adapters.installed());
            }
        }
        bySession.put(session, served);
    }

    synchronized void detach(PluginSession session) {
        List<Served> served = bySession.remove(session);
        if (served != null) {
            served.forEach(AgentServices::unregister);
        }
    }

    synchronized void detachAll() {
        List.copyOf(bySession.keySet()).forEach(this::detach);
    }

    /** Detaches the closed sessions of a plugin (their agents lingered while it might come back). */
    synchronized void detachClosedOf(String pluginName) {
        List<PluginSession> closed = bySession.keySet().stream()
                .filter(session -> !session.isOpen() && session.name().equals(pluginName)).toList();
        closed.forEach(this::detach);
    }

    /** The framework's adapter arrived: its waiting agents are served. */
    synchronized void frameworkBack(String framework) {
        bySession.forEach((session, served) -> served.stream()
                .filter(entry -> entry.registration == null && entry.agent.framework().equals(framework))
                .forEach(entry -> {
                    register(session, entry);
                    LOG.info("Agent '{}' of plugin '{}' is served again: the '{}' adapter is installed",
                            entry.agent.agentId(), session.name(), framework);
                }));
    }

    /** The framework's adapter left: its agents stop being served; returns them, by session. */
    synchronized Map<PluginSession, List<String>> frameworkGone(String framework) {
        Map<PluginSession, List<String>> gone = new LinkedHashMap<>();
        bySession.forEach((session, served) -> served.stream()
                .filter(entry -> entry.registration != null && entry.agent.framework().equals(framework))
                .forEach(entry -> {
                    unregister(entry);
                    gone.computeIfAbsent(session, s -> new ArrayList<>()).add(entry.agent.agentId());
                }));
        return gone;
    }

    /** The session's agents that wait for their framework's adapter: agent id → framework. */
    synchronized Map<String, String> waiting(PluginSession session) {
        Map<String, String> waiting = new LinkedHashMap<>();
        for (Served entry : bySession.getOrDefault(session, List.of())) {
            if (entry.registration == null) {
                waiting.put(entry.agent.agentId(), entry.agent.framework());
            }
        }
        return waiting;
    }

    private void register(PluginSession session, Served entry) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(AgentId.NAME, entry.agent.agentId());
        properties.put(AgentReplica.NAME, session.name());
        properties.put(PluginBridge.PLUGIN_NAME, session.name());
        if (!entry.agent.framework().isEmpty()) {
            properties.put(io.agentx.api.adapter.FrameworkAdapter.FRAMEWORK, entry.agent.framework());
        }
        if (entry.agent.resumesTasks()) {
            properties.put(ResumesTasks.NAME, true);
        }
        entry.registration = context.registerService(Agent.class, entry.agent, properties);
    }

    private static void unregister(Served entry) {
        if (entry.registration == null) {
            return;
        }
        try {
            entry.registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        entry.registration = null;
    }
}
