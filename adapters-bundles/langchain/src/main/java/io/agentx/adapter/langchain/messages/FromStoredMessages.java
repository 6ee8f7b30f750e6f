package io.agentx.adapter.langchain.messages;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Serialized LangChain messages (in either {@link MessageForm}) → A2A messages: the inverse of
 * {@link ToStoredMessages}, and for messages LangChain wrote itself: {@code system}/{@code tool}/{@code function}/
 * {@code chat} roles kept in {@value FrameworkAdapter#ROLE}, content blocks of unknown types carried as data parts,
 * every other field (usage, response metadata, name…) in message metadata under {@code langchain.<field>}.
 */
public final class FromStoredMessages {
    // "type" is among the fields of the flat form, and of the stored form as Python's model_dump() writes it
    private static final Set<String> HANDLED = Set.of("type", "content", "tool_calls", "tool_call_id", "id",
            "additional_kwargs", "role");
    private static final Set<String> HANDLED_FOR_TOOLS = Set.of("name", "status");
    private static final Set<String> OURS = Set.of("a2a_data", "a2a_metadata", "a2a_context_id", "a2a_task_id",
            "a2a_lost");

    private final ObjectMapper json;
    private final MessageForm form;

    public FromStoredMessages(ObjectMapper json, MessageForm form) {
        this.json = json;
        this.form = form;
    }

    /**
     * @param text a JSON array of messages in this converter's form
     * @throws IllegalArgumentException naming the element and field that is not in that form
     */
    public List<Message> convert(String text) {
        JsonNode array;
        try {
            array = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of " + form.description());
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "[" + i + "]"));
        }
        return messages;
    }

    private Message message(JsonNode stored, String path) {
        JsonNode data = form.fields(stored);
        if (!data.isObject()) {
            throw new IllegalArgumentException(form.fieldsPath(path) + ": expected an object ("
                    + (form == MessageForm.STORED ? "LangChain's StoredMessage form)" : "a message in its flat form)"));
        }
        if (form == MessageForm.FLAT && data.path("data").isObject() && !data.has("content")) {
            throw new IllegalArgumentException(path + ": expected a flat message ({type, content, …}), not "
                    + "LangChain's stored form ({type, data})");
        }
        String type = stored.path("type").asText("");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Role role = switch (type) {
            case "human" -> Role.USER;
            case "ai" -> Role.AGENT;
            case "system", "tool", "function" -> {
                metadata.put(FrameworkAdapter.ROLE, type);
                yield type.equals("system") ? Role.USER : Role.AGENT;
            }
            case "chat", "generic" -> {
                String chatRole = data.path("role").asText("");
                metadata.put(FrameworkAdapter.ROLE, chatRole);
                yield chatRole.equals("user") || chatRole.equals("human") ? Role.USER : Role.AGENT;
            }
            default -> throw new IllegalArgumentException(path + ".type: '" + type + "' is not a LangChain message "
                    + "type (human, ai, system, tool, function, chat)");
        };
        List<Part> parts = new ArrayList<>();
        if (type.equals("tool")) {
            Map<String, Object> result = new LinkedHashMap<>();
            if (data.hasNonNull("name")) {
                result.put("name", data.get("name").asText());
            }
            result.put("id", data.path("tool_call_id").asText());
            result.put("result", json.convertValue(data.path("content"), Object.class));
            if ("error".equals(data.path("status").asText())) {
                result.put("isError", true);
            }
            parts.add(new Part.Data(result, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null,
                    Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT)));
        } else {
            content(data.path("content"), form.fieldsPath(path) + ".content", parts);
        }
        for (JsonNode call : data.path("tool_calls")) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", call.path("id").asText());
            value.put("name", call.path("name").asText());
            value.put("args", json.convertValue(call.path("args"), Object.class));
            parts.add(new Part.Data(value, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null,
                    Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL)));
        }
        JsonNode kwargs = data.path("additional_kwargs");
        for (JsonNode carried : kwargs.path("a2a_data")) {
            parts.add(new Part.Data(json.convertValue(carried.get("data"), Object.class),
                    carried.path("mediaType").asText(null), null, null));
        }
        if (kwargs.path("a2a_metadata").isObject()) {
            metadata.putAll(json.convertValue(kwargs.get("a2a_metadata"), Map.class));
        }
        if (kwargs.path("a2a_lost").isArray()) {
            metadata.put(FrameworkAdapter.LOST, json.convertValue(kwargs.get("a2a_lost"), List.class));
        }
        Map<String, Object> otherKwargs = new LinkedHashMap<>();
        kwargs.fields().forEachRemaining(field -> {
            if (!OURS.contains(field.getKey())) {
                otherKwargs.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        });
        if (!otherKwargs.isEmpty()) {
            metadata.put("langchain.additional_kwargs", otherKwargs);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            // null, false and empty containers are LangChain's defaults (name, example, invalid_tool_calls…)
            JsonNode value = field.getValue();
            boolean empty = value.isNull() || value.isBoolean() && !value.asBoolean()
                    || value.isContainerNode() && value.isEmpty();
            boolean toolField = type.equals("tool") && HANDLED_FOR_TOOLS.contains(field.getKey());
            if (!HANDLED.contains(field.getKey()) && !toolField && !empty) {
                metadata.put("langchain." + field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        }
        if (parts.isEmpty()) {
            parts.add(Part.Text.of("")); // A2A messages have at least one part
        }
        String id = data.path("id").asText(null);
        if (id == null || id.isBlank()) {
            id = UUID.nameUUIDFromBytes(stored.toString().getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new Message(id, kwargs.path("a2a_context_id").asText(null), kwargs.path("a2a_task_id").asText(null),
                role, parts, metadata, null, null);
    }

    private void content(JsonNode content, String path, List<Part> parts) {
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                parts.add(Part.Text.of(content.asText()));
            }
            return;
        }
        if (content.isMissingNode() || content.isNull()) {
            return;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException(path + ": expected a string or an array of content blocks");
        }
        for (int k = 0; k < content.size(); k++) {
            parts.add(block(content.get(k), path + "[" + k + "]"));
        }
    }

    private Part block(JsonNode block, String path) {
        String type = block.path("type").asText("");
        String filename = block.path("metadata").path("filename").asText(null);
        String mime = block.has("mime_type") ? block.get("mime_type").asText() : block.path("mimeType").asText(null);
        switch (type) {
            case "text":
                return Part.Text.of(block.path("text").asText());
            case "image_url": {
                JsonNode imageUrl = block.path("image_url");
                String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText();
                return url.startsWith("data:") ? dataUrl(url, filename, path + ".image_url") : new Part.Url(url, "image/*".equals(mime)
                        ? null : mime != null ? mime : imageType(url), filename, null);
            }
            case "image", "file", "audio", "video": {
                String sourceType = block.path("source_type").asText(block.has("url") ? "url" : "base64");
                String fallback = type.equals("file") ? null : type + "/*";
                if (sourceType.equals("url")) {
                    return new Part.Url(block.path("url").asText(), mime != null ? mime : fallback, filename, null);
                }
                return new Part.Raw(base64(block.path("data").asText(), path + ".data"), mime != null ? mime
                        : fallback, filename, null);
            }
            default:
                // a block of a kind A2A has no part for (reasoning, tool_use…): carried as data, marked by its type
                return new Part.Data(json.convertValue(block, Object.class), null, null,
                        Map.of(FrameworkAdapter.KIND, "langchain." + (type.isEmpty() ? "block" : type)));
        }
    }

    private static Part dataUrl(String url, String filename, String path) {
        int comma = url.indexOf(',');
        String header = url.substring(5, Math.max(5, comma));
        String mime = header.split(";")[0];
        byte[] bytes = header.endsWith(";base64") ? base64(url.substring(comma + 1), path)
                : url.substring(comma + 1).getBytes(StandardCharsets.UTF_8);
        return new Part.Raw(bytes, mime.isEmpty() ? null : mime, filename, null);
    }

    private static byte[] base64(String text, String path) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(path + ": expected Base64 text", notBase64);
        }
    }

    /** The image's media type from its URL's extension, when it has a common one. */
    private static String imageType(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT).replaceAll("[?#].*$", "");
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        return null;
    }
}
