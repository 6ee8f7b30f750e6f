package io.agentx.a2a.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the task-related A2A 1.0 values straight to a {@link JsonGenerator}, without building a tree first:
 * the request path (answers, stream events, stored tasks) allocates only the bytes it sends.
 */
final class StreamingWriter {

    void streamResponse(JsonGenerator g, StreamEvent event) throws IOException {
        g.writeStartObject();
        if (event instanceof Task task) {
            g.writeFieldName("task");
            task(g, task);
        } else if (event instanceof Message message) {
            g.writeFieldName("message");
            message(g, message);
        } else if (event instanceof TaskStatusUpdateEvent update) {
            g.writeFieldName("statusUpdate");
            statusUpdate(g, update);
        } else if (event instanceof TaskArtifactUpdateEvent update) {
            g.writeFieldName("artifactUpdate");
            artifactUpdate(g, update);
        }
        g.writeEndObject();
    }

    void task(JsonGenerator g, Task task) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.id());
        text(g, "contextId", task.contextId());
        g.writeFieldName("status");
        status(g, task.status());
        if (!task.artifacts().isEmpty()) {
            g.writeArrayFieldStart("artifacts");
            for (Artifact artifact : task.artifacts()) {
                artifact(g, artifact);
            }
            g.writeEndArray();
        }
        if (!task.history().isEmpty()) {
            g.writeArrayFieldStart("history");
            for (Message message : task.history()) {
                message(g, message);
            }
            g.writeEndArray();
        }
        map(g, "metadata", task.metadata());
        g.writeEndObject();
    }

    void status(JsonGenerator g, TaskStatus status) throws IOException {
        g.writeStartObject();
        g.writeStringField("state", status.state().wireName());
        if (status.message() != null) {
            g.writeFieldName("message");
            message(g, status.message());
        }
        if (status.timestamp() != null) {
            g.writeStringField("timestamp", status.timestamp().toString());
        }
        g.writeEndObject();
    }

    void message(JsonGenerator g, Message message) throws IOException {
        g.writeStartObject();
        g.writeStringField("messageId", message.messageId());
        text(g, "contextId", message.contextId());
        text(g, "taskId", message.taskId());
        g.writeStringField("role", message.role().wireName());
        parts(g, message.parts());
        map(g, "metadata", message.metadata());
        strings(g, "extensions", message.extensions());
        strings(g, "referenceTaskIds", message.referenceTaskIds());
        g.writeEndObject();
    }

    void part(JsonGenerator g, Part part) throws IOException {
        g.writeStartObject();
        if (part instanceof Part.Text text) {
            g.writeStringField("text", text.text());
        } else if (part instanceof Part.Raw raw) {
            g.writeStringField("raw", Base64.getEncoder().encodeToString(raw.raw()));
        } else if (part instanceof Part.Url url) {
            g.writeStringField("url", url.url());
        } else if (part instanceof Part.Data data) {
            g.writeFieldName("data");
            g.writeObject(data.data());
        }
        text(g, "mediaType", part.mediaType());
        text(g, "filename", part.filename());
        map(g, "metadata", part.metadata());
        g.writeEndObject();
    }

    void artifact(JsonGenerator g, Artifact artifact) throws IOException {
        g.writeStartObject();
        g.writeStringField("artifactId", artifact.artifactId());
        text(g, "name", artifact.name());
        text(g, "description", artifact.description());
        parts(g, artifact.parts());
        map(g, "metadata", artifact.metadata());
        strings(g, "extensions", artifact.extensions());
        g.writeEndObject();
    }

    void statusUpdate(JsonGenerator g, TaskStatusUpdateEvent update) throws IOException {
        g.writeStartObject();
        g.writeStringField("taskId", update.taskId());
        text(g, "contextId", update.contextId());
        g.writeFieldName("status");
        status(g, update.status());
        map(g, "metadata", update.metadata());
        g.writeEndObject();
    }

    void artifactUpdate(JsonGenerator g, TaskArtifactUpdateEvent update) throws IOException {
        g.writeStartObject();
        g.writeStringField("taskId", update.taskId());
        text(g, "contextId", update.contextId());
        g.writeFieldName("artifact");
        artifact(g, update.artifact());
        if (update.append()) {
            g.writeBooleanField("append", true);
        }
        if (update.lastChunk()) {
            g.writeBooleanField("lastChunk", true);
        }
        map(g, "metadata", update.metadata());
        g.writeEndObject();
    }

    private void parts(JsonGenerator g, List<Part> parts) throws IOException {
        g.writeArrayFieldStart("parts");
        for (Part part : parts) {
            part(g, part);
        }
        g.writeEndArray();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void map(JsonGenerator g, String field, Map<String, Object> value) throws IOException {
        if (!value.isEmpty()) {
            g.writeFieldName(field);
            g.writeObject(value);
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            g.writeArrayFieldStart(field);
            for (String value : values) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
    }
}
