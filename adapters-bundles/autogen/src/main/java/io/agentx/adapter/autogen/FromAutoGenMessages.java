package io.agentx.adapter.autogen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * AutoGen messages → A2A messages: the inverse of {@link ToAutoGenMessages}, and for messages AutoGen wrote itself
 * (chat messages and agent events alike). The role is the user's for source {@code user}, an agent's otherwise;
 * the source is kept as {@code autogen.source} unless it is the role's default, the type as {@code autogen.type}
 * unless the parts imply it, and every other field AutoGen wrote ({@code models_usage}, {@code created_at},
 * {@code target}…) as {@code autogen.<field>}; AutoGen's own metadata as {@code autogen.metadata}.
 */
final class FromAutoGenMessages {
    private static final Set<String> IDENTITY = Set.of("id", "source", "type", "metadata");

    private final ObjectMapper json;
    private final A2aJson a2a;
    private final ContentReader content;

    FromAutoGenMessages(ObjectMapper json, A2aJson a2a) {
        this.json = json;
        this.a2a = a2a;
        this.content = new ContentReader(json);
    }

    List<Message> convert(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of AutoGen messages");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "[" + i + "]"));
        }
        return messages;
    }

    private Message message(JsonNode autogen, String path) {
        if (!autogen.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object (an AutoGen message as dump() writes it)");
        }
        String type = requiredText(autogen, "type", path, "the message type (TextMessage, ToolCallRequestEvent…)");
        String source = requiredText(autogen, "source", path, "the name of the agent that sent it, or 'user'");
        JsonNode ownMetadata = autogen.path("metadata");
        if (!ownMetadata.isMissingNode() && !ownMetadata.isObject()) {
            throw new IllegalArgumentException(path + ".metadata: expected an object of strings");
        }
        JsonNode carried = carried(ownMetadata, path + ".metadata." + Conventions.CARRIER);

        Set<String> read = new HashSet<>(IDENTITY);
        List<Part> parts = content.read(type, autogen, path, read);
        insertCarriedParts(carried.path("parts"), parts, path);
        if (parts.isEmpty()) {
            parts.add(Part.Text.of("")); // A2A messages have at least one part
        }
        Role role = switch (carried.path("role").asText("")) {
            case "user" -> Role.USER;
            case "agent" -> Role.AGENT;
            default -> Conventions.impliedRole(source);
        };

        Map<String, Object> metadata = new LinkedHashMap<>();
        if (carried.path("metadata").isObject()) {
            metadata.putAll(json.convertValue(carried.get("metadata"), Map.class));
        }
        if (!source.equals(Conventions.defaultSource(role))) {
            metadata.put(Conventions.FIELD + "source", source);
        }
        if (!type.equals(AutoGenTypes.implied(parts))) {
            metadata.put(Conventions.FIELD + "type", type);
        }
        Map<String, Object> others = new LinkedHashMap<>();
        ownMetadata.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(Conventions.CARRIER)) {
                others.put(entry.getKey(), json.convertValue(entry.getValue(), Object.class));
            }
        });
        if (!others.isEmpty()) {
            metadata.put(Conventions.FIELD + "metadata", others);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = autogen.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            boolean empty = value.isNull() || value.isContainerNode() && value.isEmpty();
            if (!read.contains(field.getKey()) && !empty) {
                metadata.put(Conventions.FIELD + field.getKey(), json.convertValue(value, Object.class));
            }
        }
        if (carried.path("lost").isArray()) {
            metadata.put(FrameworkAdapter.LOST, json.convertValue(carried.get("lost"), List.class));
        }
        String id = autogen.path("id").asText("");
        if (id.isBlank()) { // AgentChat before 0.7 gives messages no id
            id = UUID.nameUUIDFromBytes(autogen.toString().getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new Message(id, carried.path("contextId").asText(null), carried.path("taskId").asText(null), role,
                parts, metadata, strings(carried, "extensions", path), strings(carried, "referenceTaskIds", path));
    }

    /** What {@link ToAutoGenMessages} put in {@code metadata["agentx.a2a"]}, or an empty object. */
    private JsonNode carried(JsonNode ownMetadata, String path) {
        JsonNode text = ownMetadata.path(Conventions.CARRIER);
        if (text.isMissingNode()) {
            return json.createObjectNode();
        }
        try {
            JsonNode carried = text.isTextual() ? json.readTree(text.asText()) : null;
            if (carried != null && carried.isObject()) {
                return carried;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": not JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException(path + ": expected a JSON object as text");
    }

    /** Parts the AutoGen type could not hold go back to where they were. */
    private void insertCarriedParts(JsonNode carriedParts, List<Part> parts, String path) {
        if (!carriedParts.isArray() && !carriedParts.isMissingNode() && !carriedParts.isNull()) {
            throw new IllegalArgumentException(path + ".metadata." + Conventions.CARRIER + ".parts: expected an array");
        }
        for (int i = 0; i < carriedParts.size(); i++) {
            JsonNode entry = carriedParts.get(i);
            String where = path + ".metadata." + Conventions.CARRIER + ".parts[" + i + "]";
            Part part;
            try {
                part = a2a.readPart(entry.path("part"), where + ".part");
            } catch (A2aException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            parts.add(Math.min(Math.max(entry.path("index").asInt(parts.size()), 0), parts.size()), part);
        }
    }

    private static String requiredText(JsonNode node, String field, String path, String expected) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + "." + field + ": expected " + expected);
        }
        return value.asText();
    }

    /** The strings of the carried list {@code field}, or null when there is none. */
    private List<String> strings(JsonNode carried, String field, String path) {
        JsonNode array = carried.path(field);
        for (int i = 0; i < array.size() && array.isArray(); i++) {
            if (!array.get(i).isTextual()) {
                throw new IllegalArgumentException(path + ".metadata." + Conventions.CARRIER + "." + field + "[" + i
                        + "]: expected a string");
            }
        }
        return array.isArray() ? json.convertValue(array, List.class) : null;
    }
}
