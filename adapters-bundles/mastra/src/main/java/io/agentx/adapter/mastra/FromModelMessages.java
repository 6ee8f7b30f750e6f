package io.agentx.adapter.mastra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AI SDK model messages → A2A messages: the inverse of {@link ToModelMessages}, and for messages Mastra wrote
 * itself: {@code system} and {@code tool} roles kept in {@value FrameworkAdapter#ROLE}, {@code reasoning} and parts
 * of other types carried as data parts marked {@code mastra.<type>}. A tool message that {@link ToModelMessages}
 * split off an A2A message joins that message again.
 */
final class FromModelMessages {
    private final ObjectMapper json;

    FromModelMessages(ObjectMapper json) {
        this.json = json;
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
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            JsonNode carrier = element.path("providerOptions").path(ToModelMessages.CARRIER);
            Message message = message(element, carrier, "[" + i + "]");
            Message previous = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            if (carrier.path("toolMessage").asBoolean() && previous != null
                    && previous.messageId().equals(message.messageId())) {
                List<Part> joined = new ArrayList<>(previous.parts());
                joined.addAll(message.parts());
                messages.set(messages.size() - 1, new Message(previous.messageId(), previous.contextId(),
                        previous.taskId(), previous.role(), joined, previous.metadata(), null, null));
            } else {
                messages.add(message);
            }
        }
        return messages;
    }

    private Message message(JsonNode element, JsonNode carrier, String path) {
        String role = element.path("role").asText("");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Role a2aRole = switch (role) {
            case "user" -> Role.USER;
            case "assistant" -> Role.AGENT;
            case "system" -> {
                metadata.put(FrameworkAdapter.ROLE, "system");
                yield Role.USER;
            }
            case "tool" -> {
                if (!carrier.path("toolMessage").asBoolean()) {
                    metadata.put(FrameworkAdapter.ROLE, "tool");
                }
                yield Role.AGENT;
            }
            default -> throw new IllegalArgumentException(path + ".role: '" + role
                    + "' is not an AI SDK role (system, user, assistant, tool)");
        };
        List<Part> parts = parts(element.path("content"), carrier, path + ".content");
        if (parts.isEmpty()) {
            parts.add(Part.Text.of(""));
        }
        if (carrier.path("metadata").isObject()) {
            metadata.putAll(json.convertValue(carrier.get("metadata"), Map.class));
        }
        if (carrier.path("lost").isArray()) {
            metadata.put(FrameworkAdapter.LOST, json.convertValue(carrier.get("lost"), List.class));
        }
        String id = carrier.path("messageId").asText(null);
        if (id == null || id.isBlank()) {
            id = UUID.nameUUIDFromBytes(element.toString().getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new Message(id, carrier.path("contextId").asText(null), carrier.path("taskId").asText(null), a2aRole,
                parts, metadata, null, null);
    }

    private List<Part> parts(JsonNode content, JsonNode carrier, String path) {
        List<Part> parts = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(Part.Text.of(content.asText()));
            }
            return parts;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException(path + ": expected a string or an array of parts");
        }
        Map<Integer, JsonNode> carriedData = new LinkedHashMap<>();
        carrier.path("data").forEach(carried -> carriedData.put(carried.path("part").asInt(), carried));
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            JsonNode carried = carriedData.get(i);
            if (carried != null) {
                parts.add(new Part.Data(json.convertValue(carried.get("data"), Object.class),
                        carried.path("mediaType").asText(null), null, null));
                continue;
            }
            parts.add(part(part, carrier.path("imageFilenames").path(String.valueOf(i)).asText(null),
                    path + "[" + i + "]"));
        }
        return parts;
    }

    private Part part(JsonNode part, String imageFilename, String path) {
        String type = part.path("type").asText("");
        switch (type) {
            case "text":
                return Part.Text.of(part.path("text").asText());
            case "image":
                return file(part.path("image"), part.path("mediaType").asText(null), imageFilename, path + ".image");
            case "file":
                return file(part.path("data"), part.path("mediaType").asText(null), part.path("filename").asText(null),
                        path + ".data");
            case "tool-call": {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("id", part.path("toolCallId").asText());
                call.put("name", part.path("toolName").asText());
                call.put("args", json.convertValue(part.path("input"), Object.class));
                return new Part.Data(call, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null,
                        Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL));
            }
            case "tool-result": {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("id", part.path("toolCallId").asText());
                result.put("name", part.path("toolName").asText());
                JsonNode output = part.path("output");
                result.put("result", json.convertValue(output.has("value") ? output.get("value") : output, Object.class));
                if (output.path("type").asText().startsWith("error-")) {
                    result.put("isError", true);
                }
                return new Part.Data(result, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null,
                        Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT));
            }
            default:
                // reasoning and other parts A2A has no part for: carried as data, marked by their type
                return new Part.Data(json.convertValue(part, Object.class), null, null,
                        Map.of(FrameworkAdapter.KIND, "mastra." + (type.isEmpty() ? "part" : type)));
        }
    }

    /** A file's content: a URL (http(s), or a data: URL, decoded) or Base64 text. */
    private static Part file(JsonNode content, String mediaType, String filename, String path) {
        if (!content.isTextual()) {
            throw new IllegalArgumentException(path + ": expected a URL or Base64 text");
        }
        String value = content.asText();
        if (value.startsWith("data:")) {
            int comma = value.indexOf(',');
            String header = value.substring(5, Math.max(5, comma));
            byte[] bytes = header.endsWith(";base64") ? Base64.getDecoder().decode(value.substring(comma + 1))
                    : value.substring(comma + 1).getBytes(StandardCharsets.UTF_8);
            String type = header.split(";")[0];
            return new Part.Raw(bytes, type.isEmpty() ? mediaType : type, filename, null);
        }
        if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return new Part.Url(value, mediaType, filename, null);
        }
        try {
            return new Part.Raw(Base64.getDecoder().decode(value), mediaType, filename, null);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(path + ": neither a URL nor Base64 text", notBase64);
        }
    }
}
