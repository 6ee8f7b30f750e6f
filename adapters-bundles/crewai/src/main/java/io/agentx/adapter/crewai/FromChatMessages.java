package io.agentx.adapter.crewai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.adapter.common.Carrier;
import io.agentx.adapter.common.ToolParts;
import io.agentx.api.adapter.FrameworkAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CrewAI chat messages → A2A messages: the inverse of {@link ToChatMessages}, and for messages CrewAI wrote itself
 * (an agent's output messages, a task's messages): {@code system}/{@code developer}/{@code tool} roles kept in
 * {@value FrameworkAdapter#ROLE}, a tool message a tool-result part (failed when its content starts with CrewAI's
 * "Error executing tool: "), every other field (the speaker's {@code name}, {@code raw_tool_call_parts}…) in
 * message metadata under {@code crewai.<field>}.
 */
final class FromChatMessages {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final ObjectMapper json;
    private final ContentBlocks blocks;

    FromChatMessages(ObjectMapper json) {
        this.json = json;
        this.blocks = new ContentBlocks(json);
    }

    List<Message> convert(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of CrewAI chat messages");
        }
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "[" + i + "]";
            JsonNode chat = array.get(i);
            if (!chat.isObject()) {
                throw new IllegalArgumentException(path + ": expected a chat message object");
            }
            String role = chat.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException(path + ".role: '" + role + "' is not a chat message role "
                        + "(system, developer, user, assistant, tool)");
            }
            Carrier carrier = Carrier.of(chat, path, "block");
            List<Part> parts = role.equals("tool") ? List.of(toolResult(chat, carrier, path)) : parts(chat, carrier, path);
            Draft previous = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
            if (carrier != null && !carrier.opens() && previous != null && previous.id.equals(carrier.messageId())) {
                previous.parts.addAll(parts);
            } else {
                drafts.add(open(chat, role, carrier, parts, i));
            }
        }
        return drafts.stream().map(Draft::message).toList();
    }

    private Draft open(JsonNode chat, String role, Carrier carrier, List<Part> parts, int index) {
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
            draft.id = carrier != null ? carrier.messageId() : UUID.nameUUIDFromBytes((index + ":" + chat)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            draft.role = role.equals("assistant") || role.equals("tool") ? Role.AGENT : Role.USER;
            if (!role.equals("user") && !role.equals("assistant")) {
                draft.metadata.put(FrameworkAdapter.ROLE, role);
            }
        }
        chat.fields().forEachRemaining(field -> {
            String name = field.getKey();
            boolean own = ToChatMessages.OWN_FIELDS.contains(name) || role.equals("tool") && name.equals("name");
            if (!own && !field.getValue().isNull()) {
                draft.metadata.put(ToChatMessages.FIELD_PREFIX + name, json.convertValue(field.getValue(), Object.class));
            }
        });
        return draft;
    }

    private List<Part> parts(JsonNode chat, Carrier carrier, String path) {
        List<Part> parts = new ArrayList<>();
        JsonNode content = chat.path("content");
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(restore(carrier, 0, Part.Text.of(content.asText())));
            }
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                parts.add(restore(carrier, j, blocks.part(content.get(j), path + ".content[" + j + "]")));
            }
        } else if (!content.isMissingNode() && !content.isNull()) {
            throw new IllegalArgumentException(path + ".content: expected a string, an array of content parts or null");
        }
        JsonNode toolCalls = chat.path("tool_calls");
        if (!toolCalls.isMissingNode() && !toolCalls.isNull() && !toolCalls.isArray()) {
            throw new IllegalArgumentException(path + ".tool_calls: expected an array");
        }
        for (int j = 0; j < toolCalls.size(); j++) {
            parts.add(toolCall(toolCalls.get(j), path + ".tool_calls[" + j + "]"));
        }
        return parts;
    }

    private Part restore(Carrier carrier, int index, Part asRead) {
        return carrier == null ? asRead : carrier.restore(json, index, asRead);
    }

    private Part toolCall(JsonNode call, String path) {
        JsonNode name = call.path("function").path("name");
        if (!name.isTextual()) {
            throw new IllegalArgumentException(path + ".function.name: missing");
        }
        Map<String, Object> value = new LinkedHashMap<>();
        if (call.path("id").isTextual() && !call.get("id").asText().isEmpty()) {
            value.put("id", call.get("id").asText());
        }
        value.put("name", name.asText());
        value.put("args", arguments(call.path("function").path("arguments")));
        return ToolParts.call(value);
    }

    /** A call's arguments: the JSON its text holds (text that is not JSON stays text), or the object given. */
    private Object arguments(JsonNode arguments) {
        if (arguments.isMissingNode() || arguments.isNull()) {
            return Map.of();
        }
        if (!arguments.isTextual()) {
            return json.convertValue(arguments, Object.class);
        }
        try {
            return json.convertValue(json.readTree(arguments.asText()), Object.class);
        } catch (JsonProcessingException e) {
            return arguments.asText(); // models write broken JSON at times; CrewAI hands it back to them as it is
        }
    }

    private Part toolResult(JsonNode chat, Carrier carrier, String path) {
        if (!chat.path("tool_call_id").isTextual()) {
            throw new IllegalArgumentException(path + ".tool_call_id: a tool message needs the id of the call it answers");
        }
        String text = toolText(chat.path("content"), path + ".content");
        boolean error = text.startsWith(ToChatMessages.ERROR_PREFIX);
        if (error) {
            text = text.substring(ToChatMessages.ERROR_PREFIX.length());
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", chat.get("tool_call_id").asText());
        if (chat.path("name").isTextual()) {
            value.put("name", chat.get("name").asText());
        }
        value.put("result", carrier != null && carrier.jsonResult() ? jsonOf(text, path + ".content") : text);
        if (error) {
            value.put("isError", true);
        }
        return ToolParts.result(value);
    }

    /** A tool message's content: a string, or text parts (joined). */
    private static String toolText(JsonNode content, String path) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isMissingNode() || content.isNull()) {
            return "";
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException(path + ": expected a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            if (!content.get(j).path("text").isTextual()) {
                throw new IllegalArgumentException(path + "[" + j + "].text: a tool message holds text only");
            }
            text.append(content.get(j).get("text").asText());
        }
        return text.toString();
    }

    private Object jsonOf(String text, String path) {
        try {
            return json.convertValue(json.readTree(text), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": the envelope says JSON, but it is not", e);
        }
    }

    /** An A2A message being assembled from one chat message and those continuing it. */
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
