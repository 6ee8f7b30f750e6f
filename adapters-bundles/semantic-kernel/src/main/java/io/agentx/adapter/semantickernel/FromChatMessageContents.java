package io.agentx.adapter.semantickernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.adapter.common.Carrier;
import io.agentx.api.adapter.FrameworkAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Serialized {@code ChatMessageContent}s → A2A messages: the inverse of {@link ToChatMessageContents}, and for
 * messages Semantic Kernel wrote itself ({@code ChatHistory.serialize}, an agent thread's messages):
 * {@code system}/{@code developer}/{@code tool} roles kept in {@value FrameworkAdapter#ROLE}, the message's other
 * fields (the author's {@code name}, {@code ai_model_id}, {@code finish_reason}…) in message metadata under
 * {@code semantic-kernel.<field>}, its own metadata under {@code semantic-kernel.metadata}.
 */
final class FromChatMessageContents {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final ObjectMapper json;
    private final ContentItems items;

    FromChatMessageContents(ObjectMapper json) {
        this.json = json;
        this.items = new ContentItems(json);
    }

    List<Message> convert(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of serialized Semantic Kernel ChatMessageContents");
        }
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "[" + i + "]";
            JsonNode message = array.get(i);
            if (!message.isObject()) {
                throw new IllegalArgumentException(path + ": expected a ChatMessageContent object");
            }
            String role = message.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException(path + ".role: '" + role + "' is not a Semantic Kernel author role "
                        + "(system, developer, user, assistant, tool)");
            }
            if (message.has("content_type") && !"message".equals(message.get("content_type").asText())) {
                throw new IllegalArgumentException(path + ".content_type: expected 'message', not "
                        + message.get("content_type"));
            }
            JsonNode metadata = message.path("metadata");
            if (!metadata.isMissingNode() && !metadata.isObject()) {
                throw new IllegalArgumentException(path + ".metadata: expected an object");
            }
            Carrier carrier = Carrier.of(metadata, path + ".metadata", "item");
            List<Part> parts = parts(message, carrier, path);
            Draft previous = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
            if (carrier != null && !carrier.opens() && previous != null && previous.id.equals(carrier.messageId())) {
                previous.parts.addAll(parts);
            } else {
                drafts.add(open(message, role, carrier, parts, i));
            }
        }
        return drafts.stream().map(Draft::message).toList();
    }

    private List<Part> parts(JsonNode message, Carrier carrier, String path) {
        List<Part> parts = new ArrayList<>();
        JsonNode contentItems = message.path("items");
        if (contentItems.isMissingNode() && message.path("content").isTextual()) { // the constructor's shorthand
            parts.add(Part.Text.of(message.get("content").asText()));
            return parts;
        }
        if (!contentItems.isMissingNode() && !contentItems.isArray()) {
            throw new IllegalArgumentException(path + ".items: expected an array");
        }
        boolean jsonResult = carrier != null && carrier.jsonResult();
        for (int j = 0; j < contentItems.size(); j++) {
            Part part = items.part(contentItems.get(j), path + ".items[" + j + "]", jsonResult);
            parts.add(carrier == null ? part : carrier.restore(json, j, part));
        }
        return parts;
    }

    private Draft open(JsonNode message, String role, Carrier carrier, List<Part> parts, int index) {
        Draft draft = new Draft();
        draft.parts.addAll(parts);
        if (carrier != null && carrier.opens()) {
            draft.id = carrier.messageId();
            draft.role = carrier.role();
            draft.contextId = carrier.contextId();
            draft.taskId = carrier.taskId();
            draft.metadata.putAll(carrier.metadata(json));
            if (!carrier.lost(json).isEmpty()) {
                draft.metadata.put(FrameworkAdapter.LOST, carrier.lost(json));
            }
            draft.extensions = carrier.extensions(json);
            draft.referenceTaskIds = carrier.referenceTaskIds(json);
        } else {
            draft.id = carrier != null ? carrier.messageId() : UUID.nameUUIDFromBytes((index + ":" + message)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            draft.role = role.equals("assistant") || role.equals("tool") ? Role.AGENT : Role.USER;
            if (!role.equals("user") && !role.equals("assistant")) {
                draft.metadata.put(FrameworkAdapter.ROLE, role);
            }
        }
        Map<String, Object> own = new LinkedHashMap<>();
        message.path("metadata").fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(Carrier.KEY)) {
                own.put(entry.getKey(), json.convertValue(entry.getValue(), Object.class));
            }
        });
        if (!own.isEmpty()) {
            draft.metadata.put(ToChatMessageContents.METADATA, own);
        }
        boolean shorthand = !message.has("items");
        message.fields().forEachRemaining(field -> {
            String name = field.getKey();
            boolean handled = ToChatMessageContents.OWN_FIELDS.contains(name) || shorthand && name.equals("content");
            if (!handled && !field.getValue().isNull()) {
                draft.metadata.put(ContentItems.FIELD_PREFIX + name, json.convertValue(field.getValue(), Object.class));
            }
        });
        return draft;
    }

    /** An A2A message being assembled from one serialized message and those continuing it. */
    private static final class Draft {
        String id;
        String contextId;
        String taskId;
        Role role;
        final List<Part> parts = new ArrayList<>();
        final Map<String, Object> metadata = new LinkedHashMap<>();
        List<String> extensions = List.of();
        List<String> referenceTaskIds = List.of();

        Message message() {
            List<Part> content = parts.isEmpty() ? List.of(Part.Text.of("")) : parts; // A2A: at least one part
            return new Message(id, contextId, taskId, role, content, metadata, extensions, referenceTaskIds);
        }
    }
}
