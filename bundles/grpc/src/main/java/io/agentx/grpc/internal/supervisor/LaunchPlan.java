package io.agentx.grpc.internal.supervisor;

import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a plugin configuration's process is started: its own command, or — with a framework and a script and no
 * command — the way that framework's adapter runs a script, followed by the configured arguments. Configured
 * environment variables win over the adapter's.
 */
record LaunchPlan(String framework, String script, List<String> ownCommandLine, Map<String, String> environment) {

    static LaunchPlan of(String plugin, PluginProcessConfig config) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : config.environment()) {
            int equals = variable.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("plugin '" + plugin + "': environment entry '" + variable
                        + "' is not NAME=value");
            }
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        String framework = config.framework().strip();
        String script = config.script().strip();
        if (!config.command().isBlank()) {
            List<String> commandLine = new ArrayList<>();
            commandLine.add(config.command());
            if (!script.isEmpty()) {
                commandLine.add(script);
            }
            commandLine.addAll(List.of(config.arguments()));
            return new LaunchPlan(framework, script, commandLine, environment);
        }
        if (framework.isEmpty() || script.isEmpty()) {
            throw new IllegalArgumentException("plugin '" + plugin + "': give a command, or a framework and a script "
                    + "(e.g. framework = langchain, script = agents/support.mjs)");
        }
        return new LaunchPlan(framework, script, null, environment);
    }

    /** Whether the framework's adapter says how to run the script. */
    boolean needsAdapter() {
        return ownCommandLine == null;
    }

    List<String> commandLine(FrameworkAdapter adapter, PluginProcessConfig config) {
        if (!needsAdapter()) {
            return ownCommandLine;
        }
        PluginLaunch launch = adapter.launch(script);
        List<String> commandLine = new ArrayList<>();
        commandLine.add(launch.command());
        commandLine.addAll(launch.arguments());
        commandLine.addAll(List.of(config.arguments()));
        return commandLine;
    }

    Map<String, String> environment(FrameworkAdapter adapter) {
        if (!needsAdapter()) {
            return environment;
        }
        Map<String, String> merged = new LinkedHashMap<>(adapter.launch(script).environment());
        merged.putAll(environment);
        return merged;
    }
}
