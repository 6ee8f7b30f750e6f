package io.agentx.adapter.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code agentx} envelope of a chat message: what of the A2A message it was made from the chat message has no
 * field for, so that the way back is lossless —
 * {@code {"messageId", "role", "contextId", "taskId", "metadata", "extensions", "referenceTaskIds", "lost",
 * "parts": [{"index", "data", "mediaType", "filename", "metadata"}], "jsonResult"}}. Where it sits is the dialect's
 * choice (a CrewAI message's own field, a Semantic Kernel message's metadata entry).
 *
 * <p>The first chat message made from an A2A message carries the whole envelope (it has a {@code role}); further
 * ones (the tool messages of the same A2A message) only the {@code messageId} and what concerns themselves, and are
 * joined back into one A2A message. A {@code parts} entry describes the content element (block, item) at
 * {@code index}: {@code data} when it is the JSON text of a data part, and the media type, file name or part metadata
 * the element does not carry. {@code jsonResult} says a tool result is the JSON text of a structured result.
 * Messages without an envelope (written by the framework) are read on their own.
 */
public final class Carrier {
    public static final String KEY = "agentx";

    private final JsonNode node;
    private final String path;
    private final String element;
    private final Map<Integer, JsonNode> parts = new HashMap<>();

    private Carrier(JsonNode node, String path, String element) {
        this.node = node;
        this.path = path;
        this.element = element;
        int k = 0;
        for (JsonNode entry : node.path("parts")) {
            if (!entry.path("index").canConvertToExactIntegral()) {
                throw new IllegalArgumentException(path + ".parts: every entry needs an integer index");
            }
            if (!entry.path("metadata").isObject() && entry.hasNonNull("metadata")) {
                throw new IllegalArgumentException(path + ".parts[" + k + "].metadata: expected an object");
            }
            parts.put(entry.get("index").asInt(), entry);
            k++;
        }
    }

    // --- writing ------------------------------------------------------------------------------------------------

    /** The whole envelope, for the first chat message made from {@code message}. */
    public static ObjectNode opening(ObjectMapper json, Message message, Map<String, Object> metadata,
            Collection<String> lost) {
        ObjectNode carrier = continuing(json, message.messageId());
        carrier.put("role", message.role().wireName());
        if (message.contextId() != null) {
            carrier.put("contextId", message.contextId());
        }
        if (message.taskId() != null) {
            carrier.put("taskId", message.taskId());
        }
        if (!metadata.isEmpty()) {
            carrier.set("metadata", json.valueToTree(metadata));
        }
        if (!message.extensions().isEmpty()) {
            carrier.set("extensions", json.valueToTree(message.extensions()));
        }
        if (!message.referenceTaskIds().isEmpty()) {
            carrier.set("referenceTaskIds", json.valueToTree(message.referenceTaskIds()));
        }
        if (!lost.isEmpty()) {
            carrier.set("lost", json.valueToTree(lost));
        }
        return carrier;
    }

    /** The envelope of a further chat message made from the A2A message {@code messageId}. */
    public static ObjectNode continuing(ObjectMapper json, String messageId) {
        return json.createObjectNode().put("messageId", messageId);
    }

    /**
     * Records what content element {@code index}, made from {@code original}, does not say by itself:
     * {@code asRead} is the part the element reads back as.
     */
    public static void describe(ObjectMapper json, ObjectNode carrier, int index, Part original, Part asRead) {
        ObjectNode entry = json.createObjectNode().put("index", index);
        if (original instanceof Part.Data && !(asRead instanceof Part.Data)) {
            entry.put("data", true);
        }
        if (!Objects.equals(original.mediaType(), asRead.mediaType())) {
            entry.put("mediaType", original.mediaType());
        }
        if (!Objects.equals(original.filename(), asRead.filename())) {
            entry.put("filename", original.filename());
        }
        if (!original.metadata().equals(asRead.metadata())) {
            entry.set("metadata", json.valueToTree(original.metadata()));
        }
        if (entry.size() > 1) {
            carrier.withArray("parts").add(entry);
        }
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /**
     * The envelope in {@code holder} (the JSON object the dialect keeps it in, at {@code path}), or null when it has
     * none; {@code element} is what the dialect calls a content element ("block", "item"), for error messages.
     */
    public static Carrier of(JsonNode holder, String path, String element) {
        JsonNode node = holder.get(KEY);
        if (node == null || node.isNull()) {
            return null;
        }
        String here = path + "." + KEY;
        if (!node.isObject()) {
            throw new IllegalArgumentException(here + ": expected an object");
        }
        if (!node.path("messageId").isTextual()) {
            throw new IllegalArgumentException(here + ".messageId: expected a string");
        }
        return new Carrier(node, here, element);
    }

    public String messageId() {
        return node.get("messageId").asText();
    }

    /** Whether this chat message starts an A2A message (rather than continuing the previous one). */
    public boolean opens() {
        return node.has("role");
    }

    public Role role() {
        String role = node.get("role").asText();
        for (Role candidate : Role.values()) {
            if (candidate.wireName().equals(role)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(path + ".role: '" + role + "' is not an A2A role (ROLE_USER, ROLE_AGENT)");
    }

    public String contextId() {
        return node.path("contextId").asText(null);
    }

    public String taskId() {
        return node.path("taskId").asText(null);
    }

    public Map<String, Object> metadata(ObjectMapper json) {
        return node.path("metadata").isObject() ? json.convertValue(node.get("metadata"), Map.class) : Map.of();
    }

    public List<String> extensions(ObjectMapper json) {
        return strings(json, "extensions");
    }

    public List<String> referenceTaskIds(ObjectMapper json) {
        return strings(json, "referenceTaskIds");
    }

    public List<String> lost(ObjectMapper json) {
        return strings(json, "lost");
    }

    public boolean jsonResult() {
        return node.path("jsonResult").asBoolean(false);
    }

    /** The part content element {@code index} stands for, given the part it reads as by itself. */
    public Part restore(ObjectMapper json, int index, Part asRead) {
        JsonNode entry = parts.get(index);
        if (entry == null) {
            return asRead;
        }
        String mediaType = entry.has("mediaType") ? entry.get("mediaType").asText(null) : asRead.mediaType();
        String filename = entry.has("filename") ? entry.get("filename").asText(null) : asRead.filename();
        Map<String, Object> metadata = entry.has("metadata") ? json.convertValue(entry.get("metadata"), Map.class)
                : asRead.metadata();
        if (entry.path("data").asBoolean(false)) {
            if (!(asRead instanceof Part.Text text)) {
                throw new IllegalArgumentException(path + ".parts: " + element + " " + index
                        + " is data but not text");
            }
            try {
                return new Part.Data(json.convertValue(json.readTree(text.text()), Object.class), mediaType, filename,
                        metadata);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(path + ".parts: " + element + " " + index
                        + " is not the JSON of a data part", e);
            }
        }
        if (asRead instanceof Part.Text text) {
            return new Part.Text(text.text(), mediaType, filename, metadata);
        }
        if (asRead instanceof Part.Raw raw) {
            return new Part.Raw(raw.raw(), mediaType, filename, metadata);
        }
        if (asRead instanceof Part.Url url) {
            return new Part.Url(url.url(), mediaType, filename, metadata);
        }
        return new Part.Data(((Part.Data) asRead).data(), mediaType, filename, metadata);
    }

    private List<String> strings(ObjectMapper json, String field) {
        JsonNode array = node.path(field);
        for (int i = 0; i < array.size() && array.isArray(); i++) {
            if (!array.get(i).isTextual()) {
                throw new IllegalArgumentException(path + "." + field + "[" + i + "]: expected a string");
            }
        }
        return array.isArray() ? json.convertValue(array, List.class) : List.of();
    }
}
