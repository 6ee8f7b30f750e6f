package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.model.Message;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Mastra: messages in the AI SDK model message form Mastra agents take ({@code agent.stream(messages)}) — {@code
 * {"role": "system"|"user"|"assistant"|"tool", "content": string | parts}} with {@code text}, {@code image},
 * {@code file}, {@code tool-call} and {@code tool-result} parts — and Mastra agents run with Node through the
 * {@code agentx-plugin} SDK ({@code agentx-plugin/mastra}). A Mastra server serves each agent over A2A itself, its
 * card at {@code <routes>/.well-known/{agentId}/agent-card.json} and its endpoint at {@code <routes>/a2a/{agentId}}
 * ({@code GET_AGENT_CARD_ROUTE} of mastra-ai/mastra {@code packages/server/src/server/handlers/a2a.ts}), where the
 * base URL given is where the server mounts its routes ({@code http://localhost:4111/api} with the default
 * {@code /api} prefix).
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=mastra")
public final class MastraAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final ToModelMessages to = new ToModelMessages(json);
    private final FromModelMessages from = new FromModelMessages(json);

    @Override
    public String framework() {
        return "mastra";
    }

    @Override
    public String toDialect(List<Message> messages) {
        ArrayNode converted = json.createArrayNode();
        messages.forEach(message -> to.convert(message, converted));
        return converted.toString();
    }

    @Override
    public List<Message> fromDialect(String messages) {
        return from.convert(messages);
    }

    @Override
    public PluginLaunch launch(String script) {
        return new PluginLaunch("node", List.of(script), Map.of());
    }

    @Override
    public String remoteCardUrl(String baseUrl, String agentName) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/.well-known/" + URLEncoder.encode(agentName, StandardCharsets.UTF_8) + "/agent-card.json";
    }
}
