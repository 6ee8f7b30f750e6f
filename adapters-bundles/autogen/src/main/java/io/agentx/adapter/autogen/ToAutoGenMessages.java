package io.agentx.adapter.autogen;

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
import java.util.Set;

/**
 * A2A message → AutoGen message as {@code dump()} writes it: {@code {id, source, models_usage, metadata, content,
 * …, type}}. The type is {@code autogen.type} from the message metadata, else the one its parts imply
 * ({@link AutoGenTypes#implied}); the source {@code autogen.source}, else {@code user} for the user and
 * {@code assistant} for agents; every other {@code autogen.<field>} becomes that field. Parts the type cannot
 * hold, the conversation ids and the rest of the metadata travel in {@code metadata["agentx.a2a"]} (JSON text;
 * AutoGen's metadata holds strings only), so that the way back is lossless.
 */
final class ToAutoGenMessages {
    private final ObjectMapper json;
    private final A2aJson a2a;
    private final ContentWriter content;

    ToAutoGenMessages(ObjectMapper json, A2aJson a2a) {
        this.json = json;
        this.a2a = a2a;
        this.content = new ContentWriter(json);
    }

    ObjectNode convert(Message message) {
        Map<String, Object> metadata = message.metadata();
        String type = metadata.get(Conventions.FIELD + "type") instanceof String named ? named
                : AutoGenTypes.implied(message.parts());
        String source = metadata.get(Conventions.FIELD + "source") instanceof String named ? named
                : Conventions.defaultSource(message.role());
        List<String> lost = new ArrayList<>(lostBefore(metadata));

        ObjectNode autogen = json.createObjectNode();
        autogen.put("id", message.messageId());
        autogen.put("source", source);
        autogen.set("models_usage", json.valueToTree(metadata.get(Conventions.FIELD + "models_usage")));
        ObjectNode autogenMetadata = autogen.putObject("metadata");
        List<Part> parts = withoutFiller(message.parts());
        Set<Integer> held = content.write(type, parts, autogen, lost);

        Map<String, Object> a2aMetadata = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            String field = key.startsWith(Conventions.FIELD) ? key.substring(Conventions.FIELD.length()) : "";
            switch (field) {
                case "type", "source" -> {
                    if (!(value instanceof String)) {
                        a2aMetadata.put(key, value); // not a name: not used above
                    }
                }
                case "models_usage" -> {
                    // used above
                }
                case "metadata" -> {
                    if (value instanceof Map<?, ?> entries) {
                        ownMetadata(entries, autogenMetadata, lost);
                    } else {
                        a2aMetadata.put(key, value); // not AutoGen's Dict[str, str]
                    }
                }
                default -> {
                    if (key.equals(FrameworkAdapter.LOST)) {
                        return;
                    }
                    if (field.isEmpty() || autogen.has(field)) {
                        a2aMetadata.put(key, value); // not an AutoGen field, or one the content already set
                    } else {
                        autogen.set(field, json.valueToTree(value));
                    }
                }
            }
        });
        autogen.put("type", type);

        ObjectNode carried = json.createObjectNode();
        if (message.role() != Conventions.impliedRole(source)) {
            carried.put("role", message.role() == Role.USER ? "user" : "agent");
        }
        putText(carried, "contextId", message.contextId());
        putText(carried, "taskId", message.taskId());
        if (!a2aMetadata.isEmpty()) {
            carried.set("metadata", json.valueToTree(a2aMetadata));
        }
        putList(carried, "extensions", message.extensions());
        putList(carried, "referenceTaskIds", message.referenceTaskIds());
        ArrayNode otherParts = json.createArrayNode();
        for (int i = 0; i < parts.size(); i++) {
            if (!held.contains(i)) {
                otherParts.addObject().put("index", i).set("part", a2a.part(parts.get(i)));
            }
        }
        if (!otherParts.isEmpty()) {
            carried.set("parts", otherParts);
        }
        putList(carried, "lost", List.copyOf(new LinkedHashSet<>(lost)));
        if (!carried.isEmpty()) {
            autogenMetadata.put(Conventions.CARRIER, carried.toString());
        }
        return autogen;
    }

    /** A lone empty text is A2A's filler for a message without content (A2A messages need a part). */
    private static List<Part> withoutFiller(List<Part> parts) {
        boolean filler = parts.size() == 1 && parts.get(0) instanceof Part.Text text && text.text().isEmpty()
                && text.metadata().isEmpty() && text.mediaType() == null && text.filename() == null;
        return filler ? List.of() : parts;
    }

    /** {@code autogen.metadata}: AutoGen's own {@code Dict[str, str]}. */
    private void ownMetadata(Map<?, ?> entries, ObjectNode target, List<String> lost) {
        entries.forEach((key, item) -> {
            if (item instanceof String text) {
                target.put(String.valueOf(key), text);
            } else {
                target.put(String.valueOf(key), json.valueToTree(item).toString());
                lost.add(Conventions.FIELD + "metadata." + key + " is not a string: AutoGen keeps it as JSON text");
            }
        });
    }

    private static void putText(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    private void putList(ObjectNode target, String field, List<String> values) {
        if (!values.isEmpty()) {
            target.set(field, json.valueToTree(values));
        }
    }

    /** Losses recorded by an earlier conversion travel on. */
    private static List<String> lostBefore(Map<String, Object> metadata) {
        return metadata.get(FrameworkAdapter.LOST) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
