package io.agentx.adapter.crewai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.adapter.common.AnsweredToolCalls;
import io.agentx.adapter.common.Carrier;
import io.agentx.adapter.common.ToolParts;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A2A message → CrewAI chat messages. Text, images, audio and files become content parts (a lone text a plain
 * string); data parts their JSON text; answered tool calls of an agent's message its {@code tool_calls}; each
 * answered tool result a {@code tool} message of its own after it (a failed one's content starts with CrewAI's
 * "Error executing tool: "). Message metadata {@code crewai.<field>} (as {@link FromChatMessages} writes it) is
 * the chat message's own field again ({@code crewai.name}: the speaker's {@code name}); everything else the chat
 * message has no field for travels in its {@link Carrier} (a string content is its block 0).
 */
final class ToChatMessages {
    static final String ERROR_PREFIX = "Error executing tool: ";
    static final String FIELD_PREFIX = "crewai.";
    /** Fields of a chat message that {@code crewai.<field>} metadata cannot set. */
    static final Set<String> OWN_FIELDS = Set.of("role", "content", "tool_calls", "tool_call_id", Carrier.KEY);

    private final ObjectMapper json;
    private final ContentBlocks blocks;

    ToChatMessages(ObjectMapper json) {
        this.json = json;
        this.blocks = new ContentBlocks(json);
    }

    /** The chat messages {@code message} becomes: one, or its tool results as tool messages after it. */
    List<ObjectNode> convert(Message message, AnsweredToolCalls answered) {
        String role = role(message);
        List<String> lost = new ArrayList<>(lostBefore(message));
        ObjectNode main = json.createObjectNode().put("role", role);
        ObjectNode mainCarrier = json.createObjectNode();
        ArrayNode content = json.createArrayNode();
        ArrayNode toolCalls = json.createArrayNode();
        List<ObjectNode> toolMessages = new ArrayList<>();
        for (int i = 0; i < message.parts().size(); i++) {
            Part part = message.parts().get(i);
            if (ToolParts.isCall(part) && role.equals("assistant") && answered.answered(part)) {
                toolCalls.add(toolCall(ToolParts.value(part)));
                lost.addAll(ToolParts.unCarried(part, i));
            } else if (ToolParts.isResult(part) && answered.answered(part)) {
                toolMessages.add(toolMessage(ToolParts.value(part), message.messageId()));
                lost.addAll(ToolParts.unCarried(part, i));
            } else {
                ObjectNode block = blocks.block(part);
                if (block == null) { // structured data: the model reads its JSON
                    block = json.createObjectNode().put("type", "text")
                            .put("text", json.valueToTree(((Part.Data) part).data()).toString());
                }
                Carrier.describe(json, mainCarrier, content.size(), part, blocks.part(block, ""));
                content.add(block);
            }
        }
        boolean oneText = content.size() == 1 && "text".equals(content.get(0).path("type").asText());
        main.set("content", oneText ? content.get(0).get("text") : !content.isEmpty() ? content
                : toolCalls.isEmpty() ? json.getNodeFactory().textNode("") : json.nullNode());
        if (!toolCalls.isEmpty()) {
            main.set("tool_calls", toolCalls);
        }

        List<ObjectNode> chat = new ArrayList<>();
        boolean mainNeeded = !content.isEmpty() || !toolCalls.isEmpty() || toolMessages.isEmpty();
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        metadata.remove(FrameworkAdapter.LOST);
        if (mainNeeded) {
            moveOwnFields(metadata, main);
            main.set(Carrier.KEY, mainCarrier);
            chat.add(main);
        }
        chat.addAll(toolMessages);
        ObjectNode ownEntries = ((ObjectNode) chat.get(0).get(Carrier.KEY)).deepCopy();
        ownEntries.remove("messageId");
        ObjectNode opening = Carrier.opening(json, message, metadata, lost);
        opening.setAll(ownEntries);
        chat.get(0).set(Carrier.KEY, opening);
        return chat;
    }

    /** The chat role of the message {@code message} becomes (tool results aside). */
    static String role(Message message) {
        Object role = message.metadata().get(FrameworkAdapter.ROLE);
        if ("system".equals(role) || "developer".equals(role)) {
            return (String) role;
        }
        return message.role() == Role.AGENT ? "assistant" : "user";
    }

    private ObjectNode toolCall(Map<?, ?> value) {
        ObjectNode call = json.createObjectNode();
        call.put("id", value.get("id") instanceof String id ? id : "");
        call.put("type", "function");
        Object args = value.get("args");
        call.putObject("function")
                .put("name", value.get("name") instanceof String name ? name : "")
                .put("arguments", args == null ? "{}" : args instanceof String text ? text : json.valueToTree(args).toString());
        return call;
    }

    private ObjectNode toolMessage(Map<?, ?> value, String messageId) {
        ObjectNode tool = json.createObjectNode().put("role", "tool").put("tool_call_id", (String) value.get("id"));
        if (value.get("name") instanceof String name) {
            tool.put("name", name);
        }
        Object result = value.get("result");
        String text = result instanceof String string ? string : json.valueToTree(result).toString();
        tool.put("content", (Boolean.TRUE.equals(value.get("isError")) ? ERROR_PREFIX : "") + text);
        ObjectNode carrier = Carrier.continuing(json, messageId);
        if (!(result instanceof String)) {
            carrier.put("jsonResult", true);
        }
        tool.set(Carrier.KEY, carrier);
        return tool;
    }

    /** {@code crewai.<field>} metadata becomes the chat message's field again. */
    private void moveOwnFields(Map<String, Object> metadata, ObjectNode chatMessage) {
        metadata.entrySet().removeIf(entry -> {
            String key = entry.getKey();
            if (!key.startsWith(FIELD_PREFIX) || OWN_FIELDS.contains(key.substring(FIELD_PREFIX.length()))) {
                return false;
            }
            chatMessage.set(key.substring(FIELD_PREFIX.length()), json.valueToTree(entry.getValue()));
            return true;
        });
    }

    private static List<String> lostBefore(Message message) {
        return message.metadata().get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
