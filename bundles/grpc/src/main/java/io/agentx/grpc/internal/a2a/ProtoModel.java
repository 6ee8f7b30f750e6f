package io.agentx.grpc.internal.a2a;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.grpc.a2a.v1.StreamResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The A2A model as lf.a2a.v1 protobuf messages, field by field: the path every answer and every plugin request
 * takes, so it avoids the JSON detour {@link ProtoJson} takes for rarer messages.
 */
public final class ProtoModel {
    private ProtoModel() {
    }

    public static StreamResponse streamResponse(StreamEvent event) {
        StreamResponse.Builder response = StreamResponse.newBuilder();
        if (event instanceof Task task) {
            response.setTask(task(task));
        } else if (event instanceof Message message) {
            response.setMessage(message(message));
        } else if (event instanceof TaskStatusUpdateEvent update) {
            io.agentx.grpc.a2a.v1.TaskStatusUpdateEvent.Builder proto = io.agentx.grpc.a2a.v1.TaskStatusUpdateEvent
                    .newBuilder().setTaskId(update.taskId()).setContextId(nullToEmpty(update.contextId()))
                    .setStatus(status(update.status()));
            if (!update.metadata().isEmpty()) {
                proto.setMetadata(struct(update.metadata()));
            }
            response.setStatusUpdate(proto);
        } else if (event instanceof TaskArtifactUpdateEvent update) {
            io.agentx.grpc.a2a.v1.TaskArtifactUpdateEvent.Builder proto = io.agentx.grpc.a2a.v1.TaskArtifactUpdateEvent
                    .newBuilder().setTaskId(update.taskId()).setContextId(nullToEmpty(update.contextId()))
                    .setArtifact(artifact(update.artifact())).setAppend(update.append()).setLastChunk(update.lastChunk());
            if (!update.metadata().isEmpty()) {
                proto.setMetadata(struct(update.metadata()));
            }
            response.setArtifactUpdate(proto);
        }
        return response.build();
    }

    public static io.agentx.grpc.a2a.v1.Task task(Task task) {
        io.agentx.grpc.a2a.v1.Task.Builder proto = io.agentx.grpc.a2a.v1.Task.newBuilder()
                .setId(task.id()).setContextId(nullToEmpty(task.contextId())).setStatus(status(task.status()));
        for (Artifact artifact : task.artifacts()) {
            proto.addArtifacts(artifact(artifact));
        }
        for (Message message : task.history()) {
            proto.addHistory(message(message));
        }
        if (!task.metadata().isEmpty()) {
            proto.setMetadata(struct(task.metadata()));
        }
        return proto.build();
    }

    public static io.agentx.grpc.a2a.v1.TaskStatus status(TaskStatus status) {
        io.agentx.grpc.a2a.v1.TaskStatus.Builder proto = io.agentx.grpc.a2a.v1.TaskStatus.newBuilder()
                .setStateValue(status.state().ordinal()); // both enums list UNSPECIFIED first, in the same order
        if (status.message() != null) {
            proto.setMessage(message(status.message()));
        }
        if (status.timestamp() != null) {
            proto.setTimestamp(timestamp(status.timestamp()));
        }
        return proto.build();
    }

    public static io.agentx.grpc.a2a.v1.Message message(Message message) {
        io.agentx.grpc.a2a.v1.Message.Builder proto = io.agentx.grpc.a2a.v1.Message.newBuilder()
                .setMessageId(message.messageId()).setContextId(nullToEmpty(message.contextId()))
                .setTaskId(nullToEmpty(message.taskId())).setRoleValue(message.role().ordinal())
                .addAllExtensions(message.extensions()).addAllReferenceTaskIds(message.referenceTaskIds());
        for (Part part : message.parts()) {
            proto.addParts(part(part));
        }
        if (!message.metadata().isEmpty()) {
            proto.setMetadata(struct(message.metadata()));
        }
        return proto.build();
    }

    public static io.agentx.grpc.a2a.v1.Artifact artifact(Artifact artifact) {
        io.agentx.grpc.a2a.v1.Artifact.Builder proto = io.agentx.grpc.a2a.v1.Artifact.newBuilder()
                .setArtifactId(artifact.artifactId()).setName(nullToEmpty(artifact.name()))
                .setDescription(nullToEmpty(artifact.description())).addAllExtensions(artifact.extensions());
        for (Part part : artifact.parts()) {
            proto.addParts(part(part));
        }
        if (!artifact.metadata().isEmpty()) {
            proto.setMetadata(struct(artifact.metadata()));
        }
        return proto.build();
    }

    public static io.agentx.grpc.a2a.v1.Part part(Part part) {
        io.agentx.grpc.a2a.v1.Part.Builder proto = io.agentx.grpc.a2a.v1.Part.newBuilder()
                .setMediaType(nullToEmpty(part.mediaType())).setFilename(nullToEmpty(part.filename()));
        if (part instanceof Part.Text text) {
            proto.setText(text.text());
        } else if (part instanceof Part.Raw raw) {
            proto.setRaw(ByteString.copyFrom(raw.raw()));
        } else if (part instanceof Part.Url url) {
            proto.setUrl(url.url());
        } else if (part instanceof Part.Data data) {
            proto.setData(value(data.data()));
        }
        if (!part.metadata().isEmpty()) {
            proto.setMetadata(struct(part.metadata()));
        }
        return proto.build();
    }

    public static Struct struct(Map<String, Object> map) {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    @SuppressWarnings("unchecked")
    static Value value(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        } else if (value instanceof String text) {
            return Value.newBuilder().setStringValue(text).build();
        } else if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        } else if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        } else if (value instanceof Map<?, ?> map) {
            return Value.newBuilder().setStructValue(struct((Map<String, Object>) map)).build();
        } else if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(value(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        return Value.newBuilder().setStringValue(value.toString()).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
