package io.agentx.adapter.common;

import io.agentx.api.adapter.PluginLaunch;
import java.util.List;
import java.util.Map;

/**
 * How the scripts of Python frameworks run: with the interpreter named by AgentX's environment variable
 * {@value #INTERPRETER} (e.g. {@code /usr/bin/python3} when {@code python3} on the PATH is another Python without
 * the plugin SDK's grpcio), else {@code python3}.
 */
public final class PythonScripts {
    /** The environment variable naming the Python interpreter. */
    public static final String INTERPRETER = "AGENTX_PYTHON";

    private PythonScripts() {
    }

    public static PluginLaunch launch(String script) {
        String interpreter = System.getenv(INTERPRETER);
        return new PluginLaunch(interpreter == null || interpreter.isBlank() ? "python3" : interpreter.strip(),
                List.of(script), Map.of());
    }
}
