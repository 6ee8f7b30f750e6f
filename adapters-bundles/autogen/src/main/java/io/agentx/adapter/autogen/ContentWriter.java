package io.agentx.adapter.autogen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Part;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A2A parts → the content of an AutoGen message of a given type: strings, {@code Image}s ({@code {"data":
 * <base64>}}), {@code FunctionCall}s ({@code {id, arguments, name}}, the arguments as JSON text) and
 * {@code FunctionExecutionResult}s ({@code {content, name, call_id, is_error}}). It tells which parts it holds;
 * what of those parts AutoGen has no field for (part metadata, file names…) is named as lost.
 */
final class ContentWriter {
    private static final Set<String> CALL_FIELDS = Set.of("id", "name", "args");
    private static final Set<String> RESULT_FIELDS = Set.of("id", "name", "result", "isError");

    private final ObjectMapper json;

    ContentWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Fills {@code content} (and a summary's {@code tool_calls}, {@code results}); returns the parts it holds. */
    Set<Integer> write(String type, List<Part> parts, ObjectNode message, List<String> lost) {
        Set<Integer> held = new TreeSet<>();
        switch (type) {
            case AutoGenTypes.TOOL_CALL_REQUEST -> message.set("content", calls(parts, held, lost));
            case AutoGenTypes.TOOL_CALL_EXECUTION -> message.set("content", results(parts, held, lost));
            case AutoGenTypes.TOOL_CALL_SUMMARY -> {
                message.put("content", firstText(parts, held, lost));
                message.set("tool_calls", calls(parts, held, lost));
                message.set("results", results(parts, held, lost));
            }
            case AutoGenTypes.MULTI_MODAL -> message.set("content", multiModal(parts, held, lost));
            default -> {
                if (AutoGenTypes.isStructured(type)) {
                    int index = first(parts, PartKind.STRUCTURED);
                    message.set("content", index < 0 ? json.createObjectNode() : take(parts, index, held, lost));
                } else if (!AutoGenTypes.hasTextContent(type) && first(parts, PartKind.AUTOGEN_CONTENT) >= 0) {
                    message.set("content", take(parts, first(parts, PartKind.AUTOGEN_CONTENT), held, lost));
                } else {
                    message.put("content", firstText(parts, held, lost));
                }
            }
        }
        return held;
    }

    private ArrayNode calls(List<Part> parts, Set<Integer> held, List<String> lost) {
        ArrayNode calls = json.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            if (PartKind.of(parts.get(i)) == PartKind.TOOL_CALL) {
                ObjectNode value = (ObjectNode) take(parts, i, held, lost);
                extraFields(value, CALL_FIELDS, "tool call", i, lost);
                JsonNode args = value.path("args");
                ObjectNode call = calls.addObject();
                call.put("id", value.path("id").asText(""));
                call.put("arguments", args.isTextual() ? args.asText() : args.isMissingNode() ? "{}" : args.toString());
                call.put("name", value.path("name").asText(""));
            }
        }
        return calls;
    }

    private ArrayNode results(List<Part> parts, Set<Integer> held, List<String> lost) {
        ArrayNode results = json.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            if (PartKind.of(parts.get(i)) == PartKind.TOOL_RESULT) {
                ObjectNode value = (ObjectNode) take(parts, i, held, lost);
                extraFields(value, RESULT_FIELDS, "tool result", i, lost);
                JsonNode content = value.path("result");
                if (!content.isTextual()) {
                    lost.add("the result in part " + i + " is JSON: AutoGen keeps it as JSON text");
                }
                ObjectNode result = results.addObject();
                result.put("content", content.isTextual() ? content.asText() : content.isMissingNode() ? "null"
                        : content.toString());
                result.put("name", value.path("name").asText(""));
                result.put("call_id", value.path("id").asText(""));
                result.set("is_error", value.has("isError") ? value.get("isError") : json.nullNode());
            }
        }
        return results;
    }

    private ArrayNode multiModal(List<Part> parts, Set<Integer> held, List<String> lost) {
        ArrayNode content = json.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            PartKind kind = PartKind.of(parts.get(i));
            if (kind == PartKind.TEXT || kind == PartKind.IMAGE) {
                content.add(take(parts, i, held, lost));
            }
        }
        return content;
    }

    private String firstText(List<Part> parts, Set<Integer> held, List<String> lost) {
        int index = first(parts, PartKind.TEXT);
        return index < 0 ? "" : take(parts, index, held, lost).asText();
    }

    private static int first(List<Part> parts, PartKind kind) {
        for (int i = 0; i < parts.size(); i++) {
            if (PartKind.of(parts.get(i)) == kind) {
                return i;
            }
        }
        return -1;
    }

    /** The part's content as AutoGen holds it; the part is marked held and what AutoGen drops of it noted. */
    private JsonNode take(List<Part> parts, int index, Set<Integer> held, List<String> lost) {
        held.add(index);
        Part part = parts.get(index);
        if (part.filename() != null) {
            lost.add("filename of part " + index);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(part.metadata());
        metadata.remove(FrameworkAdapter.KIND);
        if (!metadata.isEmpty()) {
            lost.add("metadata of part " + index);
        }
        if (part instanceof Part.Text text) {
            if (text.mediaType() != null) {
                lost.add("media type " + text.mediaType() + " of part " + index);
            }
            return json.getNodeFactory().textNode(text.text());
        }
        if (part instanceof Part.Raw image) {
            String readBack = ImageTypes.sniff(image.raw());
            if (!readBack.equals(image.mediaType())) {
                lost.add("media type " + image.mediaType() + " of part " + index + " (AutoGen images have none; "
                        + "read back from the bytes as " + readBack + ")");
            }
            return json.createObjectNode().put("data", Base64.getEncoder().encodeToString(image.raw()));
        }
        Part.Data data = (Part.Data) part;
        if (PartKind.of(part) == PartKind.AUTOGEN_CONTENT && data.mediaType() != null) {
            lost.add("media type " + data.mediaType() + " of part " + index);
        }
        return json.valueToTree(data.data());
    }

    private static void extraFields(ObjectNode value, Set<String> known, String what, int index, List<String> lost) {
        value.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                lost.add("field '" + field + "' of the " + what + " in part " + index);
            }
        });
    }
}
