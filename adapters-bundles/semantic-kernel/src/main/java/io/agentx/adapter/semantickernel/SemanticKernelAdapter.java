package io.agentx.adapter.semantickernel;

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
 * Semantic Kernel (Python): messages as serialized {@code ChatMessageContent}s — the entries of
 * {@code ChatHistory.serialize()}'s {@code messages}, {@code {content_type: "message", role, name, items, metadata}}
 * with typed items — which {@code ChatMessageContent.model_validate} turns back into Semantic Kernel's objects;
 * AgentX's envelope (see {@link Carrier}) is the {@code agentx} entry of their metadata. Semantic Kernel scripts run
 * with {@code python3} through the {@code agentx_plugin} SDK ({@code agentx_plugin.frameworks.semantic_kernel}).
 * Semantic Kernel has no A2A server of its own, so {@link #remoteCardUrl} stays null.
 */
@Component(property = FrameworkAdapter.FRAMEWORK + "=semantic-kernel")
public final class SemanticKernelAdapter implements FrameworkAdapter {
    private final ObjectMapper json = new ObjectMapper();
    private final ToChatMessageContents to = new ToChatMessageContents(json);
    private final FromChatMessageContents from = new FromChatMessageContents(json);

    @Override
    public String framework() {
        return "semantic-kernel";
    }

    @Override
    public String toDialect(List<Message> messages) {
        AnsweredToolCalls answered = AnsweredToolCalls.in(messages,
                message -> ToChatMessageContents.role(message).equals("assistant"));
        ArrayNode serialized = json.createArrayNode();
        messages.forEach(message -> serialized.addAll(to.convert(message, answered)));
        return serialized.toString();
    }

    @Override
    public List<Message> fromDialect(String serialized) {
        return from.convert(serialized);
    }

    @Override
    public PluginLaunch launch(String script) {
        return PythonScripts.launch(script);
    }
}
