package io.agentx.grpc.internal.supervisor;

import io.agentx.grpc.internal.PluginEndpoint;
import io.agentx.grpc.internal.plugin.Plugins;
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
 * exists and the gRPC server listens; a changed configuration restarts it, a removed one stops it.
 */
@Component(service = {}, configurationPid = "io.agentx.plugin", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PluginProcessConfig.class, factory = true)
public final class PluginSupervisor {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String name;
    private final Plugins plugins;
    private final PluginProcess process;

    @Activate
    public PluginSupervisor(PluginProcessConfig config, Map<String, Object> properties,
            @Reference PluginEndpoint endpoint, @Reference Plugins plugins) {
        this.name = name(config, properties);
        this.plugins = plugins;
        if (config.command() == null || config.command().isBlank()) {
            throw new IllegalArgumentException("plugin '" + name + "': command is required");
        }
        this.process = new PluginProcess(name, config, endpoint.address(), plugins.tokens());
        plugins.supervised(name, process::status);
        process.start();
    }

    @Deactivate
    void deactivate() {
        process.stop();
        plugins.forget(name);
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
