package io.agentx.grpc.internal.plugin;

import io.agentx.api.adapter.FrameworkAdapter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the bundle's parts share about plugins: the tokens (configured and issued), the supervised processes'
 * status, the installed framework adapters, and the bridge while the gRPC server runs. Internal to this bundle.
 */
@Component(service = Plugins.class)
public final class Plugins {
    private final PluginTokens tokens = new PluginTokens();
    private final Map<String, Supplier<Map<String, Object>>> processes = new ConcurrentHashMap<>();
    private final FrameworkAdapters adapters = new FrameworkAdapters();
    private volatile PluginBridge bridge;

    public PluginTokens tokens() {
        return tokens;
    }

    public FrameworkAdapters adapters() {
        return adapters;
    }

    /** The bridge hears of an adapter before supervisors do, so a leaving adapter's tasks fail with its reason. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addAdapter(FrameworkAdapter adapter) {
        PluginBridge current = bridge;
        adapters.added(adapter);
        if (current != null) {
            current.adapterAdded(adapter.framework());
        }
    }

    synchronized void removeAdapter(FrameworkAdapter adapter) {
        PluginBridge current = bridge;
        if (current != null) {
            current.adapterRemoved(adapter.framework());
        }
        adapters.removed(adapter);
    }

    public void serving(PluginBridge current) {
        bridge = current;
    }

    /** Reports the status of a supervised plugin under its name until {@link #forget}. */
    public void supervised(String name, Supplier<Map<String, Object>> status) {
        processes.put(name, status);
    }

    public void forget(String name) {
        processes.remove(name);
    }

    /** Every plugin, supervised or connected on its own, with its process and sessions. */
    public Map<String, Map<String, Object>> views() {
        Map<String, Map<String, Object>> views = new TreeMap<>();
        processes.forEach((name, status) -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>();
            view.put("name", name);
            view.put("supervised", true);
            view.putAll(status.get());
            views.put(name, view);
        });
        PluginBridge current = bridge;
        if (current != null) {
            for (String name : current.pluginNames()) {
                views.computeIfAbsent(name, n -> {
                    Map<String, Object> view = new java.util.LinkedHashMap<>();
                    view.put("name", n);
                    view.put("supervised", false);
                    return view;
                });
            }
        }
        views.forEach((name, view) -> {
            java.util.List<Map<String, Object>> sessions = current == null ? java.util.List.of() : current.sessionsOf(name);
            view.put("connected", !sessions.isEmpty());
            view.put("agents", sessions.stream().flatMap(s -> ((java.util.List<?>) s.get("agents")).stream()).distinct().toList());
            view.put("sessions", sessions);
        });
        return views;
    }
}
