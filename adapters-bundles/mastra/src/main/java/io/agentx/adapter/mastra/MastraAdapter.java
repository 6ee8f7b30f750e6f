package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.api.adapter.PluginLaunch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Mastra: messages in the AI SDK model message form Mastra agents take ({@code agent.stream(messages)},
 * {@code agent.generate(messages)}) — {@code {"role": "system"|"user"|"assistant"|"tool", "content": string | parts,
 * "providerOptions"}} with {@code text}, {@code image}, {@code file}, {@code tool-call}, {@code tool-result} and
 * {@code reasoning} parts — converted as the Node SDK's {@code agentx-plugin/mastra} converts them, and Mastra
 * agents run with Node through that SDK.
 *
 * <p>A Mastra server serves each of its agents over A2A itself: in {@code @mastra/deployer} 0.24.9
 * ({@code dist/server/index.js}, {@code createHonoServer}) the card at {@code GET /.well-known/{agentId}/agent-card.json}
 * and the JSON-RPC endpoint at {@code POST /a2a/{agentId}}, both at the server's root (not below {@code /api}), so
 * the base URL is the server's ({@code http://localhost:4111}). Mastra 1.x mounts them below its route prefix
 * ({@code GET_AGENT_CARD_ROUTE} of mastra-ai/mastra {@code packages/server/src/server/handlers/a2a.ts}): there the
 * base URL includes it ({@code http://localhost:4111/api}).
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=mastra")
public final class MastraAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final A2aJson a2a = new A2aJson();
    private final ToModelMessages to = new ToModelMessages(json, a2a);
    private final FromModelMessages from = new FromModelMessages(json, a2a);

    @Override
    public String framework() {
        return "mastra";
    }

    @Override
    public String toDialect(List<Message> messages) {
        return to.convert(messages).toString();
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
        String base = baseUrl.replaceAll("/+$", "");
        return base + "/.well-known/" + URLEncoder.encode(agentName, StandardCharsets.UTF_8).replace("+", "%20")
                + "/agent-card.json";
    }
}
