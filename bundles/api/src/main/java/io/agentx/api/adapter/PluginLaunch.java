package io.agentx.api.adapter;

import java.util.List;
import java.util.Map;

/**
 * The process that serves a framework's agents as an AgentX plugin.
 *
 * @param command the executable, e.g. {@code node}
 * @param arguments its arguments, the script among them
 * @param environment variables to set besides AgentX's own ({@code AGENTX_PLUGIN_URL}…)
 */
public record PluginLaunch(String command, List<String> arguments, Map<String, String> environment) {
    public PluginLaunch {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
