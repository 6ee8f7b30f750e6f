package io.agentx.adapter.langchain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.model.Message;
import io.agentx.adapter.langchain.messages.FromStoredMessages;
import io.agentx.adapter.langchain.messages.MessageForm;
import io.agentx.adapter.langchain.messages.ToStoredMessages;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * LangChain (Python and JS): messages in LangChain's stored form — {@code {"type": "human"|"ai"|"system"|"tool",
 * "data": {"content", "tool_calls", "tool_call_id", "additional_kwargs", …}}}, as
 * {@code mapChatMessagesToStoredMessages} / {@code messages_to_dict} write them — and LangChain.js agents run with
 * Node through the {@code agentx-plugin} SDK ({@code agentx-plugin/langchain}).
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=langchain")
public final class LangChainAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final ToStoredMessages to = new ToStoredMessages(json, MessageForm.STORED);
    private final FromStoredMessages from = new FromStoredMessages(json, MessageForm.STORED);

    @Override
    public String framework() {
        return "langchain";
    }

    @Override
    public String toDialect(List<Message> messages) {
        ArrayNode stored = json.createArrayNode();
        messages.forEach(message -> stored.add(to.convert(message)));
        return stored.toString();
    }

    @Override
    public List<Message> fromDialect(String stored) {
        return from.convert(stored);
    }

    @Override
    public PluginLaunch launch(String script) {
        return new PluginLaunch("node", List.of(script), Map.of());
    }
}
