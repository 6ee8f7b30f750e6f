package io.agentx.adapter.crewai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.model.Message;
import io.agentx.adapter.common.AnsweredToolCalls;
import io.agentx.adapter.common.Carrier;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.adapter.common.PythonScripts;
import io.agentx.api.adapter.PluginLaunch;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * CrewAI: messages in the OpenAI-style chat form CrewAI's agents and LLM class work with ({@code LLMMessage}:
 * {@code {role, content, tool_calls, tool_call_id, name}}, content a string or content parts) plus AgentX's
 * {@code agentx} envelope (see {@link Carrier}; the Python integration removes it before CrewAI sees the
 * messages); CrewAI scripts run with {@code python3} through the {@code agentx_plugin} SDK
 * ({@code agentx_plugin.frameworks.crewai}); CrewAI's A2A servers publish one Crew or Agent each, its card at
 * {@code /.well-known/agent-card.json}.
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=crewai")
public final class CrewAiAdapter implements FrameworkAdapter {
    /** Where a CrewAI A2A server serves its agent card (CrewAI's {@code JSONRPCServerConfig.agent_card_path}). */
    static final String CARD_PATH = "/.well-known/agent-card.json";

    private final ObjectMapper json = new ObjectMapper();
    private final ToChatMessages to = new ToChatMessages(json);
    private final FromChatMessages from = new FromChatMessages(json);

    @Override
    public String framework() {
        return "crewai";
    }

    @Override
    public String toDialect(List<Message> messages) {
        AnsweredToolCalls answered = AnsweredToolCalls.in(messages,
                message -> ToChatMessages.role(message).equals("assistant"));
        ArrayNode chat = json.createArrayNode();
        messages.forEach(message -> chat.addAll(to.convert(message, answered)));
        return chat.toString();
    }

    @Override
    public List<Message> fromDialect(String chatMessages) {
        return from.convert(chatMessages);
    }

    @Override
    public PluginLaunch launch(String script) {
        return PythonScripts.launch(script);
    }

    /**
     * A CrewAI A2A server serves a single Crew or Agent at its base URL, so {@code agentName} does not change the
     * address.
     */
    @Override
    public String remoteCardUrl(String baseUrl, String agentName) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: the CrewAI A2A server's base URL is required");
        }
        return baseUrl.strip().replaceAll("/+$", "") + CARD_PATH;
    }
}
