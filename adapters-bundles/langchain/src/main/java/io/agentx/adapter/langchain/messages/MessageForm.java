package io.agentx.adapter.langchain.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a serialized LangChain message keeps its fields besides {@code type}. */
public enum MessageForm {
    /**
     * LangChain's stored form, {@code {"type", "data": {"content", …}}}: what {@code messages_to_dict} (Python)
     * and {@code mapChatMessagesToStoredMessages} (JS) write.
     */
    STORED("LangChain stored messages"),
    /**
     * The flat form, {@code {"type", "content", …}}: a message's {@code model_dump()}, as LangGraph's agent server
     * puts messages on the wire (thread state {@code values.messages}, run input {@code {"messages": […]}}).
     */
    FLAT("LangChain messages in their flat form");

    private final String description;

    MessageForm(String description) {
        this.description = description;
    }

    /** What a JSON array of messages in this form is, for error messages. */
    String description() {
        return description;
    }

    /** The message of type {@code type} whose fields are {@code fields}. */
    ObjectNode write(ObjectMapper json, String type, ObjectNode fields) {
        ObjectNode message = json.createObjectNode().put("type", type);
        if (this == STORED) {
            message.set("data", fields);
        } else {
            message.setAll(fields);
        }
        return message;
    }

    /** The node holding the message's fields (for {@link #FLAT}, the message itself). */
    JsonNode fields(JsonNode message) {
        return this == STORED ? message.path("data") : message;
    }

    /** The path of the fields, given the message's path ({@code [2]} → {@code [2].data} or {@code [2]}). */
    String fieldsPath(String messagePath) {
        return this == STORED ? messagePath + ".data" : messagePath;
    }
}
