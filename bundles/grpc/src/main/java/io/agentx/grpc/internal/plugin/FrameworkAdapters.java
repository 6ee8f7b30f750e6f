package io.agentx.grpc.internal.plugin;

import io.agentx.api.adapter.FrameworkAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The framework adapters installed now, by framework name, and who wants to hear when one comes or goes (the
 * plugin bridge, supervisors waiting to launch a framework's script).
 */
public final class FrameworkAdapters {
    /** Told when the adapter of a framework arrives or leaves. */
    public interface Listener {
        void adapterAdded(String framework, FrameworkAdapter adapter);

        void adapterRemoved(String framework);
    }

    private final Map<String, FrameworkAdapter> adapters = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public Optional<FrameworkAdapter> adapter(String framework) {
        return Optional.ofNullable(adapters.get(framework));
    }

    public Set<String> frameworks() {
        return new TreeSet<>(adapters.keySet());
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    void added(FrameworkAdapter adapter) {
        String framework = adapter.framework();
        adapters.put(framework, adapter);
        listeners.forEach(listener -> listener.adapterAdded(framework, adapter));
    }

    void removed(FrameworkAdapter adapter) {
        String framework = adapter.framework();
        if (adapters.remove(framework, adapter)) {
            listeners.forEach(listener -> listener.adapterRemoved(framework));
        }
    }

    /** "langchain, mastra", or "none" — for messages. */
    public String installed() {
        Set<String> names = frameworks();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
