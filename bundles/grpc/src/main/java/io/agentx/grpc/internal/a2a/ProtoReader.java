package io.agentx.grpc.internal.a2a;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lf.a2a.v1 messages read into the A2A model field by field, with the JSON bindings' validation rules and field
 * paths (so errors read the same whichever binding the client uses). The paths every request and every plugin
 * event take; rarer messages go through {@link ProtoJson}.
 */
public final class ProtoReader {
    private static final Role[] ROLES = Role.values();

    private final ProtoJson json;

    public ProtoReader(ProtoJson json) {
        this.json = json;
    }

    public SendMessageRequest sendMessageRequest(io.agentx.grpc.a2a.v1.SendMessageRequest request, String path) {
        if (!request.hasMessage()) {
            throw A2aException.invalid(path + ".message", "is required");
        }
        SendMessageRequest.Configuration configuration = SendMessageRequest.Configuration.DEFAULT;
        if (request.hasConfiguration()) {
            io.agentx.grpc.a2a.v1.SendMessageConfiguration config = request.getConfiguration();
            String configPath = path + ".configuration";
            if (config.hasHistoryLength() && config.getHistoryLength() < 0) {
                throw A2aException.invalid(configPath + ".historyLength", "must not be negative");
            }
            configuration = new SendMessageRequest.Configuration(config.getAcceptedOutputModesList(),
                    config.hasTaskPushNotificationConfig() ? json.json().readTaskPushConfig(json.tree(
                            config.getTaskPushNotificationConfig()), configPath + ".taskPushNotificationConfig") : null,
                    config.hasHistoryLength() ? config.getHistoryLength() : null, config.getReturnImmediately());
        }
        return new SendMessageRequest(null, message(request.getMessage(), path + ".message"), configuration,
                request.hasMetadata() ? map(request.getMetadata()) : null);
    }

    public Message message(io.agentx.grpc.a2a.v1.Message message, String path) {
        int role = message.getRoleValue();
        if (role <= Role.UNSPECIFIED.ordinal() || role >= ROLES.length) {
            throw A2aException.invalid(path + ".role", "is required (ROLE_USER or ROLE_AGENT)");
        }
        if (message.getPartsCount() == 0) {
            throw A2aException.invalid(path + ".parts", "needs at least one part");
        }
        if (message.getMessageId().isEmpty()) {
            throw A2aException.invalid(path + ".messageId", "is required");
        }
        return new Message(message.getMessageId(), emptyToNull(message.getContextId()),
                emptyToNull(message.getTaskId()), ROLES[role], parts(message.getPartsList(), path + ".parts"),
                message.hasMetadata() ? map(message.getMetadata()) : null, message.getExtensionsList(),
                message.getReferenceTaskIdsList());
    }

    public Artifact artifact(io.agentx.grpc.a2a.v1.Artifact artifact, String path) {
        if (artifact.getArtifactId().isEmpty()) {
            throw A2aException.invalid(path + ".artifactId", "is required");
        }
        return new Artifact(artifact.getArtifactId(), emptyToNull(artifact.getName()),
                emptyToNull(artifact.getDescription()), parts(artifact.getPartsList(), path + ".parts"),
                artifact.hasMetadata() ? map(artifact.getMetadata()) : null, artifact.getExtensionsList());
    }

    private static List<Part> parts(List<io.agentx.grpc.a2a.v1.Part> parts, String path) {
        List<Part> read = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            read.add(part(parts.get(i), path + "[" + i + "]"));
        }
        return read;
    }

    private static Part part(io.agentx.grpc.a2a.v1.Part part, String path) {
        String mediaType = emptyToNull(part.getMediaType());
        String filename = emptyToNull(part.getFilename());
        Map<String, Object> metadata = part.hasMetadata() ? map(part.getMetadata()) : null;
        return switch (part.getContentCase()) {
            case TEXT -> new Part.Text(part.getText(), mediaType, filename, metadata);
            case RAW -> new Part.Raw(part.getRaw().toByteArray(), mediaType, filename, metadata);
            case URL -> {
                if (part.getUrl().isEmpty()) {
                    throw A2aException.invalid(path + ".url", "is required");
                }
                yield new Part.Url(part.getUrl(), mediaType, filename, metadata);
            }
            case DATA -> new Part.Data(value(part.getData()), mediaType, filename, metadata);
            default -> throw A2aException.invalid(path, "needs exactly one of text, raw, url, data");
        };
    }

    static Map<String, Object> map(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, value(value)));
        return map;
    }

    private static Object value(Value value) {
        return switch (value.getKindCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRUCT_VALUE -> map(value.getStructValue());
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(item -> list.add(value(item)));
                yield list;
            }
            default -> null;
        };
    }

    /** Whole numbers as integers, as the JSON bindings read them. */
    private static Object number(double number) {
        if (number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < (1L << 53)) {
            long whole = (long) number;
            return whole == (int) whole ? (Object) (int) whole : (Object) whole;
        }
        return number;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
