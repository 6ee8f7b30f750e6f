package io.agentx.adapter.langchain.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A2A message → serialized LangChain message, in either {@link MessageForm}. Text, images, audio and files become
 * content blocks (LangChain's standard {@code text}/{@code image}/{@code audio}/{@code file} blocks; a lone text
 * part a plain string), tool calls {@code tool_calls}, a tool result a {@code tool} message; data parts, message
 * metadata and the conversation ids travel in {@code additional_kwargs} under {@code a2a_*} keys so that the way
 * back is lossless. Part metadata has no place in a content block: it is named in {@code additional_kwargs.a2a_lost}.
 */
public final class ToStoredMessages {
    private final ObjectMapper json;
    private final MessageForm form;

    public ToStoredMessages(ObjectMapper json, MessageForm form) {
        this.json = json;
        this.form = form;
    }

    public ObjectNode convert(Message message) {
        String type = type(message);
        ObjectNode data = json.createObjectNode();
        ArrayNode blocks = json.createArrayNode();
        ArrayNode toolCalls = json.createArrayNode();
        ArrayNode a2aData = json.createArrayNode();
        java.util.Set<String> lost = new java.util.LinkedHashSet<>(lostBefore(message));
        for (int i = 0; i < message.parts().size(); i++) {
            Part part = message.parts().get(i);
            Object kind = part.metadata().get(FrameworkAdapter.KIND);
            if (part instanceof Part.Data tool && (FrameworkAdapter.TOOL_CALL.equals(kind)
                    || FrameworkAdapter.TOOL_CALL_MEDIA_TYPE.equals(part.mediaType()))) {
                ObjectNode call = json.valueToTree(tool.data());
                ObjectNode entry = toolCalls.addObject();
                entry.put("name", call.path("name").asText());
                entry.set("args", call.has("args") ? call.get("args") : json.createObjectNode());
                entry.put("id", call.path("id").asText());
                entry.put("type", "tool_call");
                continue;
            }
            if (part instanceof Part.Data result && (FrameworkAdapter.TOOL_RESULT.equals(kind)
                    || FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE.equals(part.mediaType()))) {
                ObjectNode value = json.valueToTree(result.data());
                data.put("tool_call_id", value.path("id").asText());
                data.set("content", value.path("result"));
                if (value.hasNonNull("name")) {
                    data.put("name", value.get("name").asText());
                }
                if (value.path("isError").asBoolean()) {
                    data.put("status", "error");
                }
                continue;
            }
            if (!part.metadata().isEmpty()) {
                lost.add("metadata of part " + i);
            }
            if (part instanceof Part.Text text) {
                blocks.addObject().put("type", "text").put("text", text.text());
            } else if (part instanceof Part.Url url) {
                blocks.add(file(url.url(), null, url.mediaType(), url.filename()));
            } else if (part instanceof Part.Raw raw) {
                blocks.add(file(null, Base64.getEncoder().encodeToString(raw.raw()), raw.mediaType(), raw.filename()));
            } else if (part instanceof Part.Data other) {
                ObjectNode carried = a2aData.addObject();
                carried.set("data", json.valueToTree(other.data()));
                if (other.mediaType() != null) {
                    carried.put("mediaType", other.mediaType());
                }
            }
        }
        if (!data.has("content")) {
            boolean oneText = blocks.size() == 1 && "text".equals(blocks.get(0).path("type").asText());
            data.set("content", oneText ? blocks.get(0).get("text") : blocks.isEmpty() ? json.getNodeFactory().textNode("")
                    : blocks);
        }
        if (!toolCalls.isEmpty()) {
            data.set("tool_calls", toolCalls);
        }
        data.put("id", message.messageId());
        ObjectNode kwargs = data.putObject("additional_kwargs");
        if (!a2aData.isEmpty()) {
            kwargs.set("a2a_data", a2aData);
        }
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(message.metadata());
        metadata.remove(FrameworkAdapter.ROLE);
        metadata.remove(FrameworkAdapter.LOST);
        if (!metadata.isEmpty()) {
            kwargs.set("a2a_metadata", json.valueToTree(metadata));
        }
        if (message.contextId() != null) {
            kwargs.put("a2a_context_id", message.contextId());
        }
        if (message.taskId() != null) {
            kwargs.put("a2a_task_id", message.taskId());
        }
        if (!lost.isEmpty()) {
            kwargs.set("a2a_lost", json.valueToTree(lost));
        }
        data.putObject("response_metadata");
        return form.write(json, type, data);
    }

    private static String type(Message message) {
        Object role = message.metadata().get(FrameworkAdapter.ROLE);
        if (role instanceof String name && List.of("system", "tool").contains(name)) {
            return name;
        }
        return message.role() == Role.USER ? "human" : "ai";
    }

    /** Losses recorded by an earlier conversion travel on. */
    private static List<String> lostBefore(Message message) {
        return message.metadata().get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A LangChain standard data block: {@code image}, {@code audio} or {@code file}, from a URL or Base64. */
    private ObjectNode file(String url, String base64, String mediaType, String filename) {
        ObjectNode block = json.createObjectNode();
        String kind = mediaType == null ? "file" : mediaType.startsWith("image/") ? "image"
                : mediaType.startsWith("audio/") ? "audio" : "file";
        block.put("type", kind);
        block.put("source_type", url != null ? "url" : "base64");
        block.put(url != null ? "url" : "data", url != null ? url : base64);
        if (mediaType != null) {
            block.put("mime_type", mediaType);
        }
        if (filename != null) {
            block.putObject("metadata").put("filename", filename);
        }
        return block;
    }
}
