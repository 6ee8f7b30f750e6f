package io.agentx.grpc.internal.supervisor;

import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.grpc.internal.PluginEndpoint;
import io.agentx.grpc.internal.plugin.FrameworkAdapters;
import io.agentx.grpc.internal.plugin.Plugins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One per {@code io.agentx.plugin} factory configuration: runs that plugin's process while the configuration
 * exists and the gRPC server listens; a changed configuration restarts it, a removed one stops it. A
 * configuration naming a framework and a script instead of a command runs while that framework's adapter is
 * installed: it starts when the adapter arrives and stops when it leaves.
 */
@Component(service = {}, configurationPid = "io.agentx.plugin", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PluginProcessConfig.class, factory = true)
public final class PluginSupervisor implements FrameworkAdapters.Listener {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String name;
    private final PluginProcessConfig config;
    private final LaunchPlan plan;
    private final Map<String, String> kernelEnvironment;
    private final Plugins plugins;
    private volatile PluginProcess process;
    private boolean deactivated;

    @Activate
    public PluginSupervisor(PluginProcessConfig config, Map<String, Object> properties,
            @Reference PluginEndpoint endpoint, @Reference Plugins plugins) {
        this.name = name(config, properties);
        this.config = config;
        this.plan = LaunchPlan.of(name, config);
        this.kernelEnvironment = endpoint.environment();
        this.plugins = plugins;
        plugins.supervised(name, this::status);
        if (plan.needsAdapter()) {
            plugins.adapters().listen(this);
            plugins.adapters().adapter(plan.framework()).ifPresent(adapter -> adapterAdded(plan.framework(), adapter));
        } else {
            start(null);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        plugins.adapters().unlisten(this);
        if (process != null) {
            process.stop();
        }
        plugins.forget(name);
    }

    @Override
    public synchronized void adapterAdded(String framework, FrameworkAdapter adapter) {
        if (!deactivated && process == null && framework.equals(plan.framework())) {
            start(adapter);
        }
    }

    @Override
    public synchronized void adapterRemoved(String framework) {
        if (framework.equals(plan.framework()) && process != null) {
            process.stop();
            process = null;
        }
    }

    private void start(FrameworkAdapter adapter) {
        process = new PluginProcess(name, config, plan.commandLine(adapter, config), plan.environment(adapter),
                kernelEnvironment, plugins.tokens());
        process.start();
    }

    /** Not synchronized: it answers while a process is being stopped. */
    private Map<String, Object> status() {
        PluginProcess current = process;
        if (current != null) {
            return current.status();
        }
        Map<String, Object> waiting = new LinkedHashMap<>();
        waiting.put("state", "WAITING_FOR_ADAPTER");
        waiting.put("framework", plan.framework());
        waiting.put("script", plan.script());
        waiting.put("lastError", "waits for the '" + plan.framework() + "' framework adapter (installed adapters: "
                + plugins.adapters().installed() + ")");
        waiting.put("restarts", 0);
        waiting.put("arguments", List.of(config.arguments()));
        return waiting;
    }

    /** The configured name, else the configuration's own name ({@code io.agentx.plugin~<name>}). */
    static String name(PluginProcessConfig config, Map<String, Object> properties) {
        String name = config.name();
        if (name == null || name.isBlank()) {
            String pid = String.valueOf(properties.get("service.pid"));
            int tilde = pid.indexOf('~');
            name = tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("plugin name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
