package io.agentx.adapter.mastra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AI SDK model message being written: its role, its content parts and what its carrier keeps of each part.
 * Content of text parts only becomes one string, the parts joined with "\n" as the Node SDK joins them (a system
 * message's content must be a string); tool messages keep their array.
 */
final class ModelMessageDraft {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String role;
    private final ArrayNode content = NODES.arrayNode();
    private final ObjectNode carriedParts = NODES.objectNode();

    ModelMessageDraft(String role) {
        this.role = role;
    }

    String role() {
        return role;
    }

    /** Adds a content part; {@code carried} (may be empty) is what the carrier keeps of it. */
    void add(ObjectNode part, ObjectNode carried) {
        if (!carried.isEmpty()) {
            carriedParts.set(String.valueOf(content.size()), carried);
        }
        content.add(part);
    }

    /** Whether the content is text parts only (without provider options), so that it can be one string. */
    boolean textOnly() {
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || part.has("providerOptions")) {
                return false;
            }
        }
        return true;
    }

    /** The same content under another role. */
    ModelMessageDraft as(String newRole) {
        ModelMessageDraft draft = new ModelMessageDraft(newRole);
        draft.content.addAll(content);
        draft.carriedParts.setAll(carriedParts);
        return draft;
    }

    /** The model message, with {@code carrier} (completed here) and Mastra's own options in its providerOptions. */
    ObjectNode write(ObjectNode carrier, JsonNode mastraOptions) {
        ObjectNode message = NODES.objectNode().put("role", role);
        if (!role.equals("tool") && textOnly()) {
            message.put("content", joinedText(carrier));
        } else {
            message.set("content", content);
        }
        if (!carriedParts.isEmpty()) {
            carrier.set(Carrier.PARTS, carriedParts);
        }
        ObjectNode options = message.putObject("providerOptions");
        if (mastraOptions != null && mastraOptions.isObject()) {
            options.setAll((ObjectNode) mastraOptions);
        }
        options.set(Carrier.KEY, carrier);
        return message;
    }

    private String joinedText(ObjectNode carrier) {
        StringBuilder text = new StringBuilder();
        ArrayNode lengths = NODES.arrayNode();
        for (JsonNode part : content) {
            String piece = part.path("text").asText();
            text.append(lengths.isEmpty() ? "" : "\n").append(piece);
            lengths.add(piece.length());
        }
        if (lengths.size() > 1) {
            carrier.set(Carrier.TEXT_LENGTHS, lengths);
        }
        return text.toString();
    }
}
