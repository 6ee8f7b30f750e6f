package io.agentx.adapter.autogen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.Part;
import io.agentx.adapter.common.ToolParts;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content of an AutoGen message → A2A parts: strings → text, {@code Image}s → inline bytes, a structured
 * message's object → data, {@code FunctionCall}s → tool calls and {@code FunctionExecutionResult}s → tool results
 * (AgentX's data-part convention), content of other shapes → a data part of kind
 * {@value Conventions#AUTOGEN_CONTENT}.
 */
final class ContentReader {
    private final ObjectMapper json;

    ContentReader(ObjectMapper json) {
        this.json = json;
    }

    /** The parts; the message fields they came from are added to {@code read}. */
    List<Part> read(String type, JsonNode message, String path, Set<String> read) {
        List<Part> parts = new ArrayList<>();
        JsonNode content = message.path("content");
        read.add("content");
        switch (type) {
            case AutoGenTypes.TOOL_CALL_REQUEST -> calls(content, path + ".content", parts);
            case AutoGenTypes.TOOL_CALL_EXECUTION -> results(content, path + ".content", parts);
            case AutoGenTypes.TOOL_CALL_SUMMARY -> {
                text(content, path + ".content", parts);
                // tool_calls and results are new in 0.6: older summaries hold the text only
                if (message.hasNonNull("tool_calls")) {
                    calls(message.get("tool_calls"), path + ".tool_calls", parts);
                    read.add("tool_calls");
                }
                if (message.hasNonNull("results")) {
                    results(message.get("results"), path + ".results", parts);
                    read.add("results");
                }
            }
            case AutoGenTypes.MULTI_MODAL -> multiModal(content, path + ".content", parts);
            default -> {
                if (AutoGenTypes.isStructured(type)) {
                    if (!content.isObject()) {
                        throw new IllegalArgumentException(path + ".content: expected an object (the fields of "
                                + "the structured message's content model)");
                    }
                    parts.add(new Part.Data(json.convertValue(content, Object.class), "application/json", null, null));
                } else if (AutoGenTypes.hasTextContent(type)) {
                    text(content, path + ".content", parts);
                } else if (content.isTextual()) {
                    text(content, path + ".content", parts);
                } else if (!content.isMissingNode() && !content.isNull()) {
                    parts.add(new Part.Data(json.convertValue(content, Object.class), null, null,
                            Map.of(FrameworkAdapter.KIND, Conventions.AUTOGEN_CONTENT)));
                }
            }
        }
        return parts;
    }

    private static void text(JsonNode content, String path, List<Part> parts) {
        if (!content.isTextual()) {
            throw new IllegalArgumentException(path + ": expected a string");
        }
        if (!content.asText().isEmpty()) {
            parts.add(Part.Text.of(content.asText()));
        }
    }

    private void multiModal(JsonNode content, String path, List<Part> parts) {
        if (!content.isArray()) {
            throw new IllegalArgumentException(path + ": expected a list of strings and images");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode item = content.get(i);
            if (item.isTextual()) {
                parts.add(Part.Text.of(item.asText()));
            } else if (item.path("data").isTextual()) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(item.get("data").asText());
                } catch (IllegalArgumentException notBase64) {
                    throw new IllegalArgumentException(path + "[" + i + "].data: not Base64", notBase64);
                }
                parts.add(new Part.Raw(bytes, ImageTypes.sniff(bytes), null, null));
            } else {
                throw new IllegalArgumentException(path + "[" + i + "]: expected a string or an image "
                        + "{\"data\": <base64>}");
            }
        }
    }

    private void calls(JsonNode calls, String path, List<Part> parts) {
        for (JsonNode call : objects(calls, path, "FunctionCall {id, arguments, name}", "name")) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (!call.path("id").asText("").isEmpty()) {
                value.put("id", call.get("id").asText());
            }
            value.put("name", call.get("name").asText());
            JsonNode arguments = call.path("arguments");
            value.put("args", json.convertValue(arguments.isTextual() ? arguments(arguments.asText())
                    : arguments.isMissingNode() ? json.createObjectNode() : arguments, Object.class));
            parts.add(ToolParts.call(value));
        }
    }

    private void results(JsonNode results, String path, List<Part> parts) {
        for (JsonNode result : objects(results, path, "FunctionExecutionResult {content, name, call_id, is_error}",
                "content")) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (!result.path("call_id").asText("").isEmpty()) {
                value.put("id", result.get("call_id").asText());
            }
            if (!result.path("name").asText("").isEmpty()) {
                value.put("name", result.get("name").asText());
            }
            value.put("result", json.convertValue(result.path("content"), Object.class));
            if (result.path("is_error").isBoolean()) {
                value.put("isError", result.get("is_error").asBoolean());
            }
            parts.add(ToolParts.result(value));
        }
    }

    /** The elements of a list of objects that all have {@code required}. */
    private static List<JsonNode> objects(JsonNode array, String path, String expected, String required) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(path + ": expected a list of " + expected);
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isObject() || !item.hasNonNull(required)) {
                throw new IllegalArgumentException(path + "[" + i + "]: expected a " + expected);
            }
            items.add(item);
        }
        return items;
    }

    /** {@code FunctionCall.arguments} is JSON text: parsed when it is JSON, else (a model's typo) kept verbatim. */
    private JsonNode arguments(String arguments) {
        try {
            JsonNode parsed = json.readTree(arguments);
            return parsed == null || parsed.isMissingNode() ? json.getNodeFactory().textNode(arguments) : parsed;
        } catch (JsonProcessingException notJson) {
            return json.getNodeFactory().textNode(arguments);
        }
    }
}
