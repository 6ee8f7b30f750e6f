package io.agentx.adapter.semantickernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Part;
import io.agentx.adapter.common.DataUrls;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A2A parts ↔ the items of a serialized {@code ChatMessageContent}, told apart by {@code content_type}:
 * {@code text} ({@code TextContent}), {@code image}/{@code audio}/{@code binary} ({@code BinaryContent} and its
 * subclasses: a {@code uri}, or the bytes as {@code data_uri}), {@code function_call} ({@code id}, {@code name} =
 * {@code plugin_name-function_name}, {@code arguments}) and {@code function_result} ({@code id}, {@code name},
 * {@code result}). An item's {@code metadata} is the part's metadata; its other fields (encoding, ai_model_id,
 * call_id…) travel as part metadata {@code semantic-kernel.<field>}; items of other types (file_reference,
 * reasoning, annotation…) as data parts whose {@value FrameworkAdapter#KIND} is {@code semantic-kernel.<type>}.
 */
final class ContentItems {
    static final String FIELD_PREFIX = "semantic-kernel.";
    /** How Semantic Kernel's kernel words a function that raised ({@code Kernel._inner_auto_function_invoke}). */
    static final String ERROR_PREFIX = "An error occurred while invoking the function ";
    /** Semantic Kernel's {@code DEFAULT_FULLY_QUALIFIED_NAME_SEPARATOR}: {@code plugin-function}. */
    private static final String SEPARATOR = "-";
    private static final Set<String> TEXT = Set.of("content_type", "text", "metadata");
    private static final Set<String> BY_URI = Set.of("content_type", "uri", "data_uri", "metadata");
    private static final Set<String> BY_DATA = Set.of("content_type", "data_uri", "metadata");
    private static final Set<String> CALL = Set.of("content_type", "id", "name", "function_name", "plugin_name",
            "arguments", "metadata");
    private static final Set<String> RESULT = Set.of("content_type", "id", "name", "function_name", "plugin_name",
            "result", "metadata");

    private final ObjectMapper json;

    ContentItems(ObjectMapper json) {
        this.json = json;
    }

    // --- A2A → Semantic Kernel ----------------------------------------------------------------------------------

    /** The item a text, URL or raw part becomes, or an item of another type a data part holds verbatim; else null. */
    ObjectNode item(Part part) {
        if (part instanceof Part.Text text) {
            ObjectNode item = json.createObjectNode().put("content_type", "text").put("text", text.text());
            return withFields(item, part.metadata(), TEXT, true);
        }
        if (part instanceof Part.Url url) {
            String type = url.mediaType() != null ? binaryType(url.mediaType())
                    : DataUrls.imageType(url.url()) != null ? "image" : "binary";
            ObjectNode item = json.createObjectNode().put("content_type", type).put("uri", url.url());
            return withFields(item, part.metadata(), BY_URI, false);
        }
        if (part instanceof Part.Raw raw) {
            ObjectNode item = json.createObjectNode().put("content_type", binaryType(raw.mediaType()))
                    .put("data_uri", DataUrls.encode(raw.raw(), raw.mediaType()));
            return withFields(item, part.metadata(), BY_DATA, false); // metadata would end up in the data URI
        }
        return verbatim((Part.Data) part);
    }

    ObjectNode functionCall(Map<?, ?> call, Map<String, Object> partMetadata) {
        ObjectNode item = json.createObjectNode().put("content_type", "function_call");
        if (call.get("id") instanceof String id) {
            item.put("id", id);
        }
        name(item, call.get("name") instanceof String name ? name : "");
        Object args = call.get("args");
        item.set("arguments", json.valueToTree(args == null ? Map.of() : args));
        return withFields(item, toolMetadata(partMetadata), CALL, true);
    }

    /** The item of a function's result; a failed one worded as Semantic Kernel words it. */
    ObjectNode functionResult(Map<?, ?> result, Map<String, Object> partMetadata, ObjectNode carrier) {
        ObjectNode item = json.createObjectNode().put("content_type", "function_result");
        if (result.get("id") instanceof String id) {
            item.put("id", id);
        }
        String name = result.get("name") instanceof String given ? given : null;
        if (name != null) {
            name(item, name);
        }
        Object value = result.get("result");
        if (Boolean.TRUE.equals(result.get("isError"))) {
            String text = value instanceof String string ? string : json.valueToTree(value).toString();
            item.put("result", ERROR_PREFIX + (name == null ? "" : name) + ": " + text);
            if (!(value instanceof String)) {
                carrier.put("jsonResult", true);
            }
        } else {
            item.set("result", json.valueToTree(value));
        }
        return withFields(item, toolMetadata(partMetadata), RESULT, true);
    }

    // --- Semantic Kernel → A2A ----------------------------------------------------------------------------------

    /** The A2A part an item stands for; {@code jsonResult}: a failed result's text is JSON. */
    Part part(JsonNode item, String path, boolean jsonResult) {
        if (!item.isObject()) {
            throw new IllegalArgumentException(path + ": expected an item object");
        }
        if (!item.path("content_type").isTextual()) {
            throw new IllegalArgumentException(path + ".content_type: missing (text, image, function_call…)");
        }
        String type = item.get("content_type").asText();
        switch (type) {
            case "text": {
                if (!item.path("text").isTextual()) {
                    throw new IllegalArgumentException(path + ".text: expected a string");
                }
                return new Part.Text(item.get("text").asText(), null, null, partMetadata(item, TEXT));
            }
            case "image", "audio", "binary": {
                String dataUri = item.path("data_uri").asText("");
                if (!dataUri.isEmpty()) {
                    Part.Raw raw = DataUrls.decode(dataUri, null, path + ".data_uri");
                    return new Part.Raw(raw.raw(), raw.mediaType(), null, partMetadata(item, BY_DATA));
                }
                if (!item.path("uri").isTextual()) {
                    throw new IllegalArgumentException(path + ": an " + type + " item needs a uri or a data_uri");
                }
                String uri = item.get("uri").asText();
                return new Part.Url(uri, type.equals("image") ? DataUrls.imageType(uri) : null, null,
                        partMetadata(item, BY_URI));
            }
            case "function_call":
                return functionCall(item, path);
            case "function_result":
                return functionResult(item, path, jsonResult);
            default:
                return new Part.Data(json.convertValue(item, Object.class), null, null,
                        Map.of(FrameworkAdapter.KIND, FIELD_PREFIX + type));
        }
    }

    private Part functionCall(JsonNode item, String path) {
        Map<String, Object> call = new LinkedHashMap<>();
        if (item.path("id").isTextual()) {
            call.put("id", item.get("id").asText());
        }
        call.put("name", name(item, path));
        call.put("args", arguments(item.path("arguments")));
        Map<String, Object> metadata = partMetadata(item, CALL);
        metadata.put(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL);
        return new Part.Data(call, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null, metadata);
    }

    private Part functionResult(JsonNode item, String path, boolean jsonResult) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (item.path("id").isTextual()) {
            result.put("id", item.get("id").asText());
        }
        if (item.path("name").isTextual() || item.path("function_name").isTextual()) {
            result.put("name", name(item, path));
        }
        Object value = json.convertValue(item.get("result"), Object.class);
        int nameEnd = value instanceof String text && text.startsWith(ERROR_PREFIX)
                ? text.indexOf(": ", ERROR_PREFIX.length()) : -1;
        if (nameEnd >= 0) {
            String message = ((String) value).substring(nameEnd + 2);
            result.put("result", jsonResult ? jsonOf(message, path + ".result") : message);
            result.put("isError", true);
        } else {
            result.put("result", value);
        }
        Map<String, Object> metadata = partMetadata(item, RESULT);
        metadata.put(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT);
        return new Part.Data(result, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null, metadata);
    }

    /** A function's full name: {@code name}, else {@code plugin_name-function_name}, else {@code function_name}. */
    private static String name(JsonNode item, String path) {
        if (item.path("name").isTextual() && !item.get("name").asText().isEmpty()) {
            return item.get("name").asText();
        }
        if (!item.path("function_name").isTextual()) {
            throw new IllegalArgumentException(path + ".function_name: missing");
        }
        String function = item.get("function_name").asText();
        return item.path("plugin_name").isTextual() ? item.get("plugin_name").asText() + SEPARATOR + function : function;
    }

    /** Writes {@code name} as Semantic Kernel splits it: {@code plugin_name} before the first '-'. */
    private static void name(ObjectNode item, String name) {
        item.put("name", name);
        int separator = name.indexOf(SEPARATOR);
        if (separator > 0) {
            item.put("function_name", name.substring(separator + 1)).put("plugin_name", name.substring(0, separator));
        } else {
            item.put("function_name", name);
        }
    }

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
            return arguments.asText(); // a model's broken JSON: Semantic Kernel hands it back to the model as it is
        }
    }

    private Object jsonOf(String text, String path) {
        try {
            return json.convertValue(json.readTree(text), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": the envelope says JSON, but it is not", e);
        }
    }

    /** An item's metadata, and its fields not in {@code handled} as {@code semantic-kernel.<field>}. */
    private Map<String, Object> partMetadata(JsonNode item, Set<String> handled) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (item.path("metadata").isObject()) {
            metadata.putAll(json.convertValue(item.get("metadata"), Map.class));
        }
        item.fields().forEachRemaining(field -> {
            if (!handled.contains(field.getKey()) && !field.getValue().isNull()) {
                metadata.put(FIELD_PREFIX + field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        });
        return metadata;
    }

    /** Part metadata {@code semantic-kernel.<field>} as the item's fields, the rest as its metadata if wanted. */
    private ObjectNode withFields(ObjectNode item, Map<String, Object> partMetadata, Set<String> handled,
            boolean keepMetadata) {
        ObjectNode metadata = json.createObjectNode();
        partMetadata.forEach((key, value) -> {
            String field = key.startsWith(FIELD_PREFIX) ? key.substring(FIELD_PREFIX.length()) : null;
            if (field != null && !handled.contains(field)) {
                item.set(field, json.valueToTree(value));
            } else if (keepMetadata) {
                metadata.set(key, json.valueToTree(value));
            }
        });
        if (!metadata.isEmpty()) {
            item.set("metadata", metadata);
        }
        return item;
    }

    private static Map<String, Object> toolMetadata(Map<String, Object> partMetadata) {
        Map<String, Object> metadata = new LinkedHashMap<>(partMetadata);
        metadata.remove(FrameworkAdapter.KIND);
        return metadata;
    }

    private static String binaryType(String mediaType) {
        return mediaType == null ? "binary" : mediaType.startsWith("image/") ? "image"
                : mediaType.startsWith("audio/") ? "audio" : "binary";
    }

    /** A data part that holds an item of a type A2A has no part for, as it was read; else null. */
    private ObjectNode verbatim(Part.Data data) {
        if (!(data.metadata().get(FrameworkAdapter.KIND) instanceof String kind) || !kind.startsWith(FIELD_PREFIX)
                || !(data.data() instanceof Map<?, ?>)) {
            return null;
        }
        ObjectNode item = json.valueToTree(data.data());
        try {
            return item.path("content_type").isTextual() && part(item, "", false) instanceof Part.Data read
                    && read.mediaType() == null ? item : null;
        } catch (IllegalArgumentException e) {
            return null; // not an item Semantic Kernel could read: plain data then
        }
    }
}
