package io.agentx.adapter.mastra;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * AI SDK model messages → A2A messages: the inverse of {@link ToModelMessages} (what the {@link Carrier} kept is
 * restored, and the model messages written for one A2A message join again), and for messages Mastra wrote itself:
 * {@code user} messages are the user's, {@code assistant} and {@code tool} messages the agent's; {@code system} and
 * {@code tool} roles are kept in {@value FrameworkAdapter#ROLE}; {@code tool-call} and {@code tool-result} parts
 * become AgentX's tool call and tool result data parts; {@code reasoning} and parts of other types are carried as
 * data parts marked {@code mastra.<type>}; providerOptions are kept in {@value Carrier#PROVIDER_OPTIONS}; fields the
 * AI SDK types do not define are named in {@value FrameworkAdapter#LOST}. A message without a carrier gets an id
 * derived from its position and content. A {@code data:} URL comes back as the bytes it holds.
 */
final class FromModelMessages {
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "providerOptions");
    /** The fields of each AI SDK content part (and the AI SDK 4 names Mastra still reads: mimeType, args, result). */
    private static final Map<String, Set<String>> PART_FIELDS = Map.of(
            "text", Set.of("type", "text", "providerOptions"),
            "image", Set.of("type", "image", "mediaType", "mimeType", "providerOptions"),
            "file", Set.of("type", "data", "mediaType", "mimeType", "filename", "providerOptions"),
            "tool-call", Set.of("type", "toolCallId", "toolName", "input", "args", "providerOptions"),
            "tool-result", Set.of("type", "toolCallId", "toolName", "output", "result", "isError", "providerOptions"));

    private final ObjectMapper json;
    private final A2aJson a2a;

    FromModelMessages(ObjectMapper json, A2aJson a2a) {
        this.json = json;
        this.a2a = a2a;
    }

    /** The A2A role a model message's role stands for, or null when it is not an AI SDK role. */
    static Role impliedRole(String role) {
        return switch (role) {
            case "user", "system" -> Role.USER;
            case "assistant", "tool" -> Role.AGENT;
            default -> null;
        };
    }

    List<Message> convert(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of AI SDK model messages");
        }
        List<Message> messages = new ArrayList<>();
        String joinable = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw new IllegalArgumentException("[" + i + "]: expected an object (a model message)");
            }
            JsonNode carrier = element.path("providerOptions").path(Carrier.KEY);
            Message message = message(element, carrier, i);
            String carriedId = carrier.path(Carrier.MESSAGE_ID).textValue();
            if (carriedId != null && carriedId.equals(joinable)) {
                messages.set(messages.size() - 1, joined(messages.get(messages.size() - 1), message));
            } else {
                messages.add(message);
            }
            joinable = carriedId;
        }
        return messages;
    }

    private Message message(JsonNode element, JsonNode carrier, int index) {
        String path = "[" + index + "]";
        String role = element.path("role").asText("");
        Role implied = impliedRole(role);
        if (implied == null) {
            throw new IllegalArgumentException(path + ".role: '" + role
                    + "' is not an AI SDK role (system, user, assistant, tool)");
        }
        List<String> lost = new ArrayList<>(strings(carrier.path(Carrier.LOST)));
        List<Part> parts = parts(element.path("content"), carrier, path, lost);
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (role.equals("system") || role.equals("tool") && !carrier.isObject()) {
            metadata.put(FrameworkAdapter.ROLE, role);
        }
        if (carrier.path(Carrier.METADATA).isObject()) {
            metadata.putAll(json.convertValue(carrier.get(Carrier.METADATA), Map.class));
        }
        if (element.path("providerOptions").isObject()) {
            Map<String, Object> mastraOptions = json.convertValue(element.get("providerOptions"), Map.class);
            mastraOptions.remove(Carrier.KEY);
            if (!mastraOptions.isEmpty()) {
                metadata.put(Carrier.PROVIDER_OPTIONS, mastraOptions);
            }
        }
        element.fieldNames().forEachRemaining(field -> {
            if (!MESSAGE_FIELDS.contains(field)) {
                lost.add("field '" + field + "' of the message");
            }
        });
        if (!lost.isEmpty()) {
            metadata.put(FrameworkAdapter.LOST, lost);
        }
        String id = carrier.path(Carrier.MESSAGE_ID).textValue();
        if (id == null || id.isBlank()) {
            id = UUID.nameUUIDFromBytes((index + ":" + element).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new Message(id, carrier.path(Carrier.CONTEXT_ID).textValue(), carrier.path(Carrier.TASK_ID).textValue(),
                carriedRole(carrier, implied, path), parts, metadata, strings(carrier.path(Carrier.EXTENSIONS)),
                strings(carrier.path(Carrier.REFERENCE_TASK_IDS)));
    }

    private List<Part> parts(JsonNode content, JsonNode carrier, String path, List<String> lost) {
        JsonNode carriedParts = carrier.path(Carrier.PARTS);
        List<Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            List<String> pieces = pieces(content.asText(), carrier.path(Carrier.TEXT_LENGTHS), path);
            for (int k = 0; k < pieces.size(); k++) {
                JsonNode carried = carriedParts.path(String.valueOf(k));
                parts.add(carried.has("data") ? carriedData(carried, path, k) : Part.Text.of(pieces.get(k)));
            }
            return parts;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException(path + ".content: expected a string or an array of parts");
        }
        for (int k = 0; k < content.size(); k++) {
            JsonNode carried = carriedParts.path(String.valueOf(k));
            parts.add(carried.has("data") ? carriedData(carried, path, k)
                    : part(content.get(k), carried, path + ".content[" + k + "]", k, lost));
        }
        if (parts.isEmpty()) {
            parts.add(Part.Text.of(""));
        }
        return parts;
    }

    private Part part(JsonNode item, JsonNode carried, String path, int index, List<String> lost) {
        if (!item.isObject()) {
            throw new IllegalArgumentException(path + ": expected a content part (an object with a type)");
        }
        String type = item.path("type").asText("");
        Set<String> fields = PART_FIELDS.get(type);
        if (fields == null) {
            // reasoning and other parts A2A has no part for: carried as data, marked by their type
            return new Part.Data(json.convertValue(item, Object.class), null, null,
                    Map.of(FrameworkAdapter.KIND, Carrier.MASTRA_PART + (type.isEmpty() ? "part" : type)));
        }
        item.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                lost.add("field '" + field + "' of part " + index);
            }
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (item.path("providerOptions").isObject()) {
            metadata.put(Carrier.PROVIDER_OPTIONS, json.convertValue(item.get("providerOptions"), Map.class));
        }
        return switch (type) {
            case "text" -> new Part.Text(requiredText(item, "text", path), null, null, metadata);
            case "image" -> FileContent.part(item.path("image"), mediaType(item), carried.path("filename").textValue(),
                    metadata, path + ".image");
            case "file" -> FileContent.part(item.path("data"), mediaType(item), item.path("filename").textValue(),
                    metadata, path + ".data");
            case "tool-call" -> toolCall(item, metadata, path);
            default -> toolResult(item, metadata, path);
        };
    }

    private Part toolCall(JsonNode item, Map<String, Object> metadata, String path) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", requiredText(item, "toolCallId", path));
        call.put("name", requiredText(item, "toolName", path));
        JsonNode input = item.hasNonNull("input") ? item.get("input") : item.path("args");
        call.put("args", input.isMissingNode() || input.isNull() ? Map.of() : json.convertValue(input, Object.class));
        metadata.put(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL);
        return new Part.Data(call, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null, metadata);
    }

    /** A tool result: the value of its typed output (error-… types are failures), or a bare result as Mastra keeps it. */
    private Part toolResult(JsonNode item, Map<String, Object> metadata, String path) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", requiredText(item, "toolCallId", path));
        String name = item.path("toolName").textValue();
        if (name != null && !name.isEmpty()) {
            result.put("name", name);
        }
        JsonNode output = item.path("output");
        boolean typed = output.path("type").isTextual() && output.has("value");
        JsonNode value = typed ? output.get("value") : output.isMissingNode() ? item.path("result") : output;
        result.put("result", value.isMissingNode() ? null : json.convertValue(value, Object.class));
        if (typed ? output.get("type").asText().startsWith("error") : item.path("isError").asBoolean()) {
            result.put("isError", true);
        }
        metadata.put(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT);
        return new Part.Data(result, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null, metadata);
    }

    private Part carriedData(JsonNode carried, String path, int index) {
        String where = path + ".providerOptions." + Carrier.KEY + "." + Carrier.PARTS + "." + index;
        try {
            return a2a.readPart(carried, where);
        } catch (A2aException e) {
            throw new IllegalArgumentException(where + ": not an A2A part: " + e.getMessage(), e);
        }
    }

    /** The string content cut back into the text parts it was joined from (one when the carrier says nothing). */
    private static List<String> pieces(String text, JsonNode lengths, String path) {
        if (!lengths.isArray()) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (Iterator<JsonNode> it = lengths.elements(); it.hasNext(); ) {
            int end = start + it.next().asInt(-1);
            if (end < start || end > text.length() || (it.hasNext() ? end >= text.length() || text.charAt(end) != '\n'
                    : end != text.length())) {
                throw new IllegalArgumentException(path + ".providerOptions." + Carrier.KEY + "." + Carrier.TEXT_LENGTHS
                        + ": does not match the content");
            }
            pieces.add(text.substring(start, end));
            start = end + 1;
        }
        return pieces;
    }

    private static Message joined(Message first, Message next) {
        List<Part> parts = new ArrayList<>(first.parts());
        parts.addAll(next.parts());
        Map<String, Object> metadata = new LinkedHashMap<>(first.metadata());
        if (next.metadata().get(FrameworkAdapter.LOST) instanceof List<?> more) {
            List<Object> lost = new ArrayList<>(first.metadata().get(FrameworkAdapter.LOST) instanceof List<?> known
                    ? known : List.of());
            lost.addAll(more);
            metadata.put(FrameworkAdapter.LOST, lost);
        }
        return new Message(first.messageId(), first.contextId(), first.taskId(), first.role(), parts, metadata,
                first.extensions(), first.referenceTaskIds());
    }

    private static Role carriedRole(JsonNode carrier, Role implied, String path) {
        String wire = carrier.path(Carrier.ROLE).textValue();
        if (wire == null) {
            return implied;
        }
        for (Role role : Role.values()) {
            if (role.wireName().equals(wire)) {
                return role;
            }
        }
        throw new IllegalArgumentException(path + ".providerOptions." + Carrier.KEY + "." + Carrier.ROLE + ": '" + wire
                + "' is not an A2A role");
    }

    private static String mediaType(JsonNode item) {
        return item.path("mediaType").isTextual() ? item.get("mediaType").asText() : item.path("mimeType").textValue();
    }

    private static String requiredText(JsonNode item, String field, String path) {
        if (!item.path(field).isTextual()) {
            throw new IllegalArgumentException(path + "." + field + ": expected a string");
        }
        return item.get(field).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
