package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A2A message → AI SDK model messages. Text becomes {@code text} parts; files {@code image} (user images) or
 * {@code file} parts (Base64 or URL); tool calls {@code tool-call} parts of the assistant message; tool results a
 * following {@code tool} message; the system role (metadata {@value FrameworkAdapter#ROLE}) a system message of
 * text. What the model message has no field for — ids, message metadata, data parts (sent as JSON text), file
 * names of images, part metadata — travels in {@code providerOptions.agentx} so that the way back is lossless;
 * part metadata is named lost.
 */
final class ToModelMessages {
    static final String CARRIER = "agentx";

    private final ObjectMapper json;

    ToModelMessages(ObjectMapper json) {
        this.json = json;
    }

    void convert(Message message, ArrayNode out) {
        String role = role(message);
        ArrayNode content = json.createArrayNode();
        ArrayNode results = json.createArrayNode();
        ArrayNode data = json.createArrayNode();
        ObjectNode filenames = json.createObjectNode();
        Set<String> lost = new LinkedHashSet<>(lostBefore(message));
        for (int i = 0; i < message.parts().size(); i++) {
            Part part = message.parts().get(i);
            Object kind = part.metadata().get(FrameworkAdapter.KIND);
            if (part instanceof Part.Data call && (FrameworkAdapter.TOOL_CALL.equals(kind)
                    || FrameworkAdapter.TOOL_CALL_MEDIA_TYPE.equals(part.mediaType()))) {
                ObjectNode value = json.valueToTree(call.data());
                content.addObject().put("type", "tool-call").put("toolCallId", value.path("id").asText())
                        .put("toolName", value.path("name").asText())
                        .set("input", value.has("args") ? value.get("args") : json.createObjectNode());
                continue;
            }
            if (part instanceof Part.Data result && (FrameworkAdapter.TOOL_RESULT.equals(kind)
                    || FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE.equals(part.mediaType()))) {
                results.add(toolResult(json.valueToTree(result.data())));
                continue;
            }
            if (!part.metadata().isEmpty()) {
                lost.add("metadata of part " + i);
            }
            if (part instanceof Part.Text text) {
                content.addObject().put("type", "text").put("text", text.text());
            } else if (part instanceof Part.Raw raw) {
                addFile(content, Base64.getEncoder().encodeToString(raw.raw()), raw.mediaType(), raw.filename(),
                        role.equals("user"), filenames);
            } else if (part instanceof Part.Url url) {
                addFile(content, url.url(), url.mediaType(), url.filename(), role.equals("user"), filenames);
            } else if (part instanceof Part.Data other) {
                ObjectNode carried = data.addObject().put("part", content.size());
                carried.set("data", json.valueToTree(other.data()));
                if (other.mediaType() != null) {
                    carried.put("mediaType", other.mediaType());
                }
                content.addObject().put("type", "text").put("text", json.valueToTree(other.data()).toString());
            }
        }
        ObjectNode carrier = carrier(message, data, lost);
        if (!filenames.isEmpty()) {
            carrier.set("imageFilenames", filenames);
        }
        if (!content.isEmpty() || results.isEmpty()) {
            ObjectNode converted = out.addObject().put("role", role);
            if (role.equals("system")) {
                converted.put("content", systemText(content));
            } else {
                converted.set("content", content);
            }
            converted.putObject("providerOptions").set(CARRIER, carrier);
        }
        if (!results.isEmpty()) {
            ObjectNode tool = out.addObject().put("role", "tool");
            tool.set("content", results);
            tool.putObject("providerOptions").set(CARRIER, carrier.deepCopy().put("toolMessage", true));
        }
    }

    private ObjectNode carrier(Message message, ArrayNode data, Set<String> lost) {
        ObjectNode carrier = json.createObjectNode().put("messageId", message.messageId());
        if (message.contextId() != null) {
            carrier.put("contextId", message.contextId());
        }
        if (message.taskId() != null) {
            carrier.put("taskId", message.taskId());
        }
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        metadata.remove(FrameworkAdapter.ROLE);
        metadata.remove(FrameworkAdapter.LOST);
        if (!metadata.isEmpty()) {
            carrier.set("metadata", json.valueToTree(metadata));
        }
        if (!data.isEmpty()) {
            carrier.set("data", data);
        }
        if (!lost.isEmpty()) {
            carrier.set("lost", json.valueToTree(lost));
        }
        return carrier;
    }

    /** An AI SDK tool result: its output typed text/json, error-text/error-json when the tool failed. */
    private ObjectNode toolResult(ObjectNode value) {
        ObjectNode result = json.createObjectNode().put("type", "tool-result")
                .put("toolCallId", value.path("id").asText()).put("toolName", value.path("name").asText(""));
        boolean error = value.path("isError").asBoolean();
        boolean text = value.path("result").isTextual();
        ObjectNode output = result.putObject("output").put("type", (error ? "error-" : "") + (text ? "text" : "json"));
        output.set("value", value.has("result") ? value.get("result") : json.nullNode());
        return result;
    }

    /**
     * Adds an image part (user images; the file name, which image parts cannot hold, goes to the carrier under the
     * part's index) or a file part.
     */
    private static void addFile(ArrayNode content, String data, String mediaType, String filename, boolean user,
            ObjectNode imageFilenames) {
        ObjectNode part = content.addObject();
        if (user && mediaType != null && mediaType.startsWith("image/")) {
            part.put("type", "image").put("image", data).put("mediaType", mediaType);
            if (filename != null) {
                imageFilenames.put(String.valueOf(content.size() - 1), filename);
            }
            return;
        }
        part.put("type", "file").put("data", data)
                .put("mediaType", mediaType == null ? "application/octet-stream" : mediaType);
        if (filename != null) {
            part.put("filename", filename);
        }
    }

    private static String systemText(ArrayNode content) {
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText()));
        return text.toString();
    }

    private static String role(Message message) {
        if ("system".equals(message.metadata().get(FrameworkAdapter.ROLE))) {
            return "system";
        }
        return message.role() == Role.USER ? "user" : "assistant";
    }

    private static List<String> lostBefore(Message message) {
        return message.metadata().get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
