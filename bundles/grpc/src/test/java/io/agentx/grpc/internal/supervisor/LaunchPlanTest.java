package io.agentx.grpc.internal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.Message;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {
    /** An adapter that runs scripts the way a Node framework's does. */
    private static final FrameworkAdapter NODE_FRAMEWORK = new FrameworkAdapter() {
        @Override
        public String framework() {
            return "langchain";
        }

        @Override
        public String toDialect(List<Message> messages) {
            return "[]";
        }

        @Override
        public List<Message> fromDialect(String json) {
            return List.of();
        }

        @Override
        public PluginLaunch launch(String script) {
            return new PluginLaunch("node", List.of("--enable-source-maps", script), Map.of("NODE_ENV", "production",
                    "EXTRA", "adapter"));
        }
    };

    @Test
    void aFrameworkAndAScriptRunTheWayTheAdapterSaysWithTheConfiguredArgumentsAndEnvironmentOnTop() {
        PluginProcessConfig config = PluginProcessTest.frameworkConfig("on-failure", 5, "langchain", "agents/support.mjs", "",
                "--verbose");
        LaunchPlan plan = LaunchPlan.of("support", config);
        assertTrue(plan.needsAdapter());
        assertEquals(List.of("node", "--enable-source-maps", "agents/support.mjs", "--verbose"),
                plan.commandLine(NODE_FRAMEWORK, config));
        assertEquals(Map.of("NODE_ENV", "production", "EXTRA", "yes"), plan.environment(NODE_FRAMEWORK));
    }

    @Test
    void aCommandRunsAsConfiguredWithTheScriptFirst() {
        PluginProcessConfig config = PluginProcessTest.frameworkConfig("on-failure", 5, "langchain", "agent.mjs", "node",
                "--port", "1");
        LaunchPlan plan = LaunchPlan.of("support", config);
        assertFalse(plan.needsAdapter());
        assertEquals(List.of("node", "agent.mjs", "--port", "1"), plan.commandLine(null, config));
        assertEquals(Map.of("EXTRA", "yes"), plan.environment(null));
    }

    @Test
    void neitherACommandNorAFrameworkWithAScriptIsRefusedWithWhatToGive() {
        IllegalArgumentException noScript = assertThrows(IllegalArgumentException.class, () -> LaunchPlan.of("p",
                PluginProcessTest.frameworkConfig("on-failure", 5, "langchain", "", "")));
        assertEquals("plugin 'p': give a command, or a framework and a script (e.g. framework = langchain, "
                + "script = agents/support.mjs)", noScript.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchPlan.of("p",
                PluginProcessTest.frameworkConfig("on-failure", 5, "", "agent.mjs", "")));
    }
}
