package io.agentx.adapter.autogen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.adapter.common.PythonScripts;
import io.agentx.api.adapter.PluginLaunch;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * AutoGen AgentChat (0.4 and later): messages in the form {@code BaseChatMessage.dump()} / {@code
 * BaseAgentEvent.dump()} write them — {@code {"id", "source", "models_usage", "metadata", "created_at", "content",
 * "type": "TextMessage"|"MultiModalMessage"|"ToolCallRequestEvent"|…}}, loadable with the message classes'
 * {@code load} — and AutoGen agents and teams run with Python through the {@code agentx_plugin} SDK
 * ({@code agentx_plugin.frameworks.autogen}). AutoGen serves no A2A itself: no remote card URL.
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=autogen")
public final class AutoGenAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final A2aJson a2a = new A2aJson();
    private final ToAutoGenMessages to = new ToAutoGenMessages(json, a2a);
    private final FromAutoGenMessages from = new FromAutoGenMessages(json, a2a);

    @Override
    public String framework() {
        return "autogen";
    }

    @Override
    public String toDialect(List<Message> messages) {
        ArrayNode autogen = json.createArrayNode();
        messages.forEach(message -> autogen.add(to.convert(message)));
        return autogen.toString();
    }

    @Override
    public List<Message> fromDialect(String autogen) {
        return from.convert(autogen);
    }

    @Override
    public PluginLaunch launch(String script) {
        return PythonScripts.launch(script);
    }
}
