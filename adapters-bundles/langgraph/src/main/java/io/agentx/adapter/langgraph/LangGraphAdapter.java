package io.agentx.adapter.langgraph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.model.Message;
import io.agentx.adapter.langchain.messages.FromStoredMessages;
import io.agentx.adapter.langchain.messages.MessageForm;
import io.agentx.adapter.langchain.messages.ToStoredMessages;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * LangGraph (Python and JS). Its messages are LangChain messages, in the flat form LangGraph's agent server puts on
 * the wire (thread state {@code values.messages}, run input {@code {"messages": […]}}): {@code {"type": "human"|"ai"|
 * "system"|"tool", "content", "id", "name", "tool_calls", "tool_call_id", "additional_kwargs", "response_metadata",
 * …}} — LangChain's stored form with the {@code data} fields lifted to the top level, converted by the same rules.
 * LangGraph.js agents run with Node through the {@code agentx-plugin} SDK ({@code agentx-plugin/langgraph}); an
 * assistant of a LangGraph agent server is reachable over A2A as a remote agent.
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=langgraph")
public final class LangGraphAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final ToStoredMessages to = new ToStoredMessages(json, MessageForm.FLAT);
    private final FromStoredMessages from = new FromStoredMessages(json, MessageForm.FLAT);

    @Override
    public String framework() {
        return "langgraph";
    }

    @Override
    public String toDialect(List<Message> messages) {
        ArrayNode flat = json.createArrayNode();
        messages.forEach(message -> flat.add(to.convert(message)));
        return flat.toString();
    }

    @Override
    public List<Message> fromDialect(String messages) {
        return from.convert(messages);
    }

    @Override
    public PluginLaunch launch(String script) {
        return new PluginLaunch("node", List.of(script), Map.of());
    }

    /**
     * The agent server serves each assistant's card at {@code /.well-known/agent-card.json?assistant_id=<id>}, the
     * card naming the assistant's A2A endpoint {@code /a2a/<id>} (docs.langchain.com/langsmith/server-a2a, "Agent
     * card discovery"); {@code agentName} is the assistant id.
     */
    @Override
    public String remoteCardUrl(String baseUrl, String agentName) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: the LangGraph agent server's URL is missing");
        }
        if (agentName == null || agentName.isBlank()) {
            throw new IllegalArgumentException("agentName: the assistant id is missing");
        }
        return baseUrl.replaceAll("/+$", "") + "/.well-known/agent-card.json?assistant_id="
                + URLEncoder.encode(agentName, StandardCharsets.UTF_8);
    }
}
