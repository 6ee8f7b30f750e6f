package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A2A messages → AI SDK model messages, the messages the Node SDK's {@code toMastraMessages}
 * (sdks/node/src/frameworks/mastra.js) gives a Mastra agent for the same conversation: user messages become
 * {@code user} messages, agent messages {@code assistant} messages; text parts text, content of text only a string;
 * file parts {@code image} parts (user images) or {@code file} parts (Base64 or URL, media type, file name); data
 * parts their JSON as text. Tool calls whose result is in the history too become {@code tool-call} parts of the
 * assistant message and their results {@code tool} messages, in the order of the parts; a call or result missing
 * its other half travels as JSON text, as model providers refuse it.
 *
 * <p>Beyond the Node SDK: a message whose {@value FrameworkAdapter#ROLE} is {@code system} becomes a system message
 * (when its content is text); what the model messages have no field for travels in the {@link Carrier}, so that the
 * way back restores it; and Mastra parts A2A has no part for (data parts marked {@code mastra.<type>}, as
 * {@link FromModelMessages} writes them) and {@value Carrier#PROVIDER_OPTIONS} go back as Mastra wrote them. What
 * cannot be carried is named in {@value FrameworkAdapter#LOST}: part metadata, the media type and file name of a
 * text part, a file without a media type (sent as {@code application/octet-stream}).
 */
final class ToModelMessages {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ObjectMapper json;
    private final A2aJson a2a;

    ToModelMessages(ObjectMapper json, A2aJson a2a) {
        this.json = json;
        this.a2a = a2a;
    }

    /** The conversation's model messages; messages without parts (which A2A does not allow) are left out. */
    ArrayNode convert(List<Message> messages) {
        Set<String> answered = ToolParts.answered(messages);
        ArrayNode converted = json.createArrayNode();
        for (Message message : messages) {
            if (!message.parts().isEmpty()) {
                convert(message, answered, converted);
            }
        }
        return converted;
    }

    private void convert(Message message, Set<String> answered, ArrayNode out) {
        boolean agent = message.role() == Role.AGENT;
        String role = agent ? "assistant" : "user";
        Set<String> lost = new LinkedHashSet<>(lostBefore(message));
        List<ModelMessageDraft> drafts = new ArrayList<>();
        for (int i = 0; i < message.parts().size(); i++) {
            Part part = message.parts().get(i);
            Optional<ToolParts.Call> call = ToolParts.call(part).filter(c -> agent && answered.contains(c.id()));
            Optional<ToolParts.Result> result = ToolParts.result(part).filter(r -> agent && answered.contains(r.id()));
            if (call.isPresent()) {
                noteMetadata(part, i, lost, FrameworkAdapter.KIND, Carrier.PROVIDER_OPTIONS);
                draft(drafts, role).add(withOptions(toolCall(call.get()), part), json.createObjectNode());
            } else if (result.isPresent()) {
                noteMetadata(part, i, lost, FrameworkAdapter.KIND, Carrier.PROVIDER_OPTIONS);
                draft(drafts, "tool").add(withOptions(toolResult(result.get()), part), json.createObjectNode());
            } else {
                ObjectNode carried = json.createObjectNode();
                ObjectNode converted = contentPart(part, i, !agent, carried, lost);
                draft(drafts, role).add(converted, carried);
            }
        }
        boolean system = "system".equals(message.metadata().get(FrameworkAdapter.ROLE)) && drafts.size() == 1
                && drafts.get(0).textOnly();
        if (system) {
            drafts.set(0, drafts.get(0).as("system"));
        }
        JsonNode mastraOptions = json.valueToTree(message.metadata().get(Carrier.PROVIDER_OPTIONS));
        for (int d = 0; d < drafts.size(); d++) {
            ObjectNode carrier = d == 0 ? carrier(message, drafts.get(0).role(), system, lost)
                    : json.createObjectNode().put(Carrier.MESSAGE_ID, message.messageId());
            out.add(drafts.get(d).write(carrier, d == 0 ? mastraOptions : null));
        }
    }

    /** The content part of a part that is not a tool call or result sent as such. */
    private ObjectNode contentPart(Part part, int index, boolean user, ObjectNode carried, Set<String> lost) {
        if (part instanceof Part.Data data) {
            return dataPart(data, index, carried, lost);
        }
        noteMetadata(part, index, lost, Carrier.PROVIDER_OPTIONS);
        if (part instanceof Part.Text text) {
            if (text.mediaType() != null) {
                lost.add("media type " + text.mediaType() + " of part " + index);
            }
            if (text.filename() != null) {
                lost.add("filename of part " + index);
            }
            return withOptions(json.createObjectNode().put("type", "text").put("text", text.text()), part);
        }
        String mediaType = part.mediaType() == null || part.mediaType().isEmpty() ? null : part.mediaType();
        if (mediaType == null) {
            lost.add("media type of part " + index + " (sent as " + OCTET_STREAM + ")");
        }
        ObjectNode file = json.createObjectNode();
        if (user && mediaType != null && mediaType.startsWith("image/")) {
            file.put("type", "image").put("image", FileContent.of(part)).put("mediaType", mediaType);
            if (part.filename() != null) {
                carried.put("filename", part.filename()); // image parts have no file name
            }
        } else {
            file.put("type", "file").put("data", FileContent.of(part))
                    .put("mediaType", mediaType == null ? OCTET_STREAM : mediaType);
            if (part.filename() != null) {
                file.put("filename", part.filename());
            }
        }
        return withOptions(file, part);
    }

    /**
     * A data part: Mastra's own part when it holds one (marked {@code mastra.<type>}), else its JSON as text for
     * the model with the whole part in the carrier.
     */
    private ObjectNode dataPart(Part.Data data, int index, ObjectNode carried, Set<String> lost) {
        JsonNode value = json.valueToTree(data.data());
        if (data.metadata().get(FrameworkAdapter.KIND) instanceof String kind && kind.startsWith(Carrier.MASTRA_PART)
                && value.isObject() && value.path("type").isTextual()) {
            noteMetadata(data, index, lost, FrameworkAdapter.KIND);
            return (ObjectNode) value;
        }
        carried.setAll(a2a.part(data));
        return json.createObjectNode().put("type", "text").put("text", value.toString());
    }

    private ObjectNode toolCall(ToolParts.Call call) {
        ObjectNode part = json.createObjectNode().put("type", "tool-call").put("toolCallId", call.id())
                .put("toolName", call.name());
        part.set("input", json.valueToTree(call.args()));
        return part;
    }

    /** An AI SDK tool result: its output typed text or json by the result's JSON type, error-… when the tool failed. */
    private ObjectNode toolResult(ToolParts.Result result) {
        ObjectNode part = json.createObjectNode().put("type", "tool-result").put("toolCallId", result.id())
                .put("toolName", result.name() == null ? "" : result.name());
        JsonNode value = json.valueToTree(result.result());
        part.putObject("output").put("type", (result.error() ? "error-" : "") + (value.isTextual() ? "text" : "json"))
                .set("value", value);
        return part;
    }

    /** The content part with Mastra's own provider options of the A2A part, if it has some. */
    private ObjectNode withOptions(ObjectNode contentPart, Part part) {
        if (part.metadata().get(Carrier.PROVIDER_OPTIONS) instanceof Map<?, ?> options) {
            contentPart.set("providerOptions", json.valueToTree(options));
        }
        return contentPart;
    }

    /** The message-level carrier, kept by the first model message of an A2A message. */
    private ObjectNode carrier(Message message, String firstRole, boolean system, Set<String> lost) {
        ObjectNode carrier = json.createObjectNode().put(Carrier.MESSAGE_ID, message.messageId());
        if (message.contextId() != null) {
            carrier.put(Carrier.CONTEXT_ID, message.contextId());
        }
        if (message.taskId() != null) {
            carrier.put(Carrier.TASK_ID, message.taskId());
        }
        if (FromModelMessages.impliedRole(firstRole) != message.role()) {
            carrier.put(Carrier.ROLE, message.role().wireName());
        }
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        metadata.remove(FrameworkAdapter.LOST);
        metadata.remove(Carrier.PROVIDER_OPTIONS);
        if (system) {
            metadata.remove(FrameworkAdapter.ROLE);
        }
        if (!metadata.isEmpty()) {
            carrier.set(Carrier.METADATA, json.valueToTree(metadata));
        }
        if (!message.extensions().isEmpty()) {
            carrier.set(Carrier.EXTENSIONS, json.valueToTree(message.extensions()));
        }
        if (!message.referenceTaskIds().isEmpty()) {
            carrier.set(Carrier.REFERENCE_TASK_IDS, json.valueToTree(message.referenceTaskIds()));
        }
        if (!lost.isEmpty()) {
            carrier.set(Carrier.LOST, json.valueToTree(lost));
        }
        return carrier;
    }

    /** The draft to add to: the last one when it has the role, else a new one. */
    private static ModelMessageDraft draft(List<ModelMessageDraft> drafts, String role) {
        if (drafts.isEmpty() || !drafts.get(drafts.size() - 1).role().equals(role)) {
            drafts.add(new ModelMessageDraft(role));
        }
        return drafts.get(drafts.size() - 1);
    }

    /** Names the part's metadata lost unless it holds only keys the conversion restores. */
    private static void noteMetadata(Part part, int index, Set<String> lost, String... restoredKeys) {
        if (!List.of(restoredKeys).containsAll(part.metadata().keySet())) {
            lost.add("metadata of part " + index);
        }
    }

    /** Losses recorded by an earlier conversion travel on. */
    private static List<String> lostBefore(Message message) {
        return message.metadata().get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
