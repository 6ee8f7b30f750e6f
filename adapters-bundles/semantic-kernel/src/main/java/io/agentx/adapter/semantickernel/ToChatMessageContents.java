package io.agentx.adapter.semantickernel;

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
 * A2A message → serialized {@code ChatMessageContent}s. Parts become items in their order (data parts text items
 * holding their JSON; answered tool calls of an agent's message {@code function_call} items); each answered tool
 * result becomes a {@code tool} message of its own after it, as Semantic Kernel's kernel adds them. Message
 * metadata {@code semantic-kernel.<field>} (as {@link FromChatMessageContents} writes it) is the message's own
 * field again ({@code semantic-kernel.name}: the author's {@code name}), {@code semantic-kernel.metadata} its
 * metadata; everything else it has no field for travels in the {@link Carrier} in its metadata.
 */
final class ToChatMessageContents {
    /** Fields of a serialized message that {@code semantic-kernel.<field>} metadata cannot set. */
    static final Set<String> OWN_FIELDS = Set.of("content_type", "role", "items", "metadata");
    static final String METADATA = ContentItems.FIELD_PREFIX + "metadata";

    private final ObjectMapper json;
    private final ContentItems items;

    ToChatMessageContents(ObjectMapper json) {
        this.json = json;
        this.items = new ContentItems(json);
    }

    /** The messages {@code message} becomes: one, or its tool results as tool messages after it. */
    List<ObjectNode> convert(Message message, AnsweredToolCalls answered) {
        String role = role(message);
        List<String> lost = new ArrayList<>(lostBefore(message));
        ObjectNode mainCarrier = json.createObjectNode();
        ArrayNode mainItems = json.createArrayNode();
        List<ObjectNode> toolMessages = new ArrayList<>();
        for (int i = 0; i < message.parts().size(); i++) {
            Part part = message.parts().get(i);
            if (ToolParts.isResult(part) && answered.answered(part)) {
                ObjectNode carrier = Carrier.continuing(json, message.messageId());
                ObjectNode item = items.functionResult(ToolParts.value(part), part.metadata(), carrier);
                Carrier.describe(json, carrier, 0, part, items.part(item, "", carrier.has("jsonResult")));
                toolMessages.add(message("tool", json.createArrayNode().add(item), carrier));
                continue;
            }
            ObjectNode item = ToolParts.isCall(part) && role.equals("assistant") && answered.answered(part)
                    ? items.functionCall(ToolParts.value(part), part.metadata()) : items.item(part);
            if (item == null) { // structured data: the model reads its JSON
                item = json.createObjectNode().put("content_type", "text")
                        .put("text", json.valueToTree(((Part.Data) part).data()).toString());
            }
            Carrier.describe(json, mainCarrier, mainItems.size(), part, items.part(item, "", false));
            mainItems.add(item);
        }

        List<ObjectNode> messages = new ArrayList<>();
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        metadata.remove(FrameworkAdapter.LOST);
        if (!mainItems.isEmpty() || toolMessages.isEmpty()) {
            ObjectNode main = message(role, mainItems, mainCarrier);
            moveOwnFields(metadata, main);
            messages.add(main);
        }
        messages.addAll(toolMessages);
        ObjectNode firstMetadata = (ObjectNode) messages.get(0).get("metadata");
        ObjectNode ownEntries = ((ObjectNode) firstMetadata.get(Carrier.KEY)).deepCopy();
        ownEntries.remove("messageId");
        ObjectNode opening = Carrier.opening(json, message, metadata, lost);
        opening.setAll(ownEntries);
        firstMetadata.set(Carrier.KEY, opening);
        return messages;
    }

    /** The author role of the message {@code message} becomes (tool results aside). */
    static String role(Message message) {
        Object role = message.metadata().get(FrameworkAdapter.ROLE);
        if ("system".equals(role) || "developer".equals(role)) {
            return (String) role;
        }
        return message.role() == Role.AGENT ? "assistant" : "user";
    }

    private ObjectNode message(String role, ArrayNode contentItems, ObjectNode carrier) {
        ObjectNode message = json.createObjectNode().put("content_type", "message").put("role", role);
        message.set("items", contentItems);
        message.putObject("metadata").set(Carrier.KEY, carrier);
        return message;
    }

    /** {@code semantic-kernel.<field>} metadata becomes the message's field, {@code semantic-kernel.metadata} its metadata. */
    private void moveOwnFields(Map<String, Object> metadata, ObjectNode message) {
        if (metadata.get(METADATA) instanceof Map<?, ?> own) {
            ObjectNode target = (ObjectNode) message.get("metadata");
            own.forEach((key, value) -> {
                if (!Carrier.KEY.equals(key)) {
                    target.set(String.valueOf(key), json.valueToTree(value));
                }
            });
            metadata.remove(METADATA);
        }
        metadata.entrySet().removeIf(entry -> {
            String key = entry.getKey();
            String field = key.startsWith(ContentItems.FIELD_PREFIX) ? key.substring(ContentItems.FIELD_PREFIX.length()) : null;
            if (field == null || OWN_FIELDS.contains(field)) {
                return false;
            }
            message.set(field, json.valueToTree(entry.getValue()));
            return true;
        });
    }

    private static List<String> lostBefore(Message message) {
        return message.metadata().get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
