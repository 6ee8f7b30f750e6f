package io.agentx.a2a.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The A2A 0.3 dialect, mapped to and from the 1.0 model at the edges: {@code kind} discriminators, lowercase
 * states and roles, {@code file} parts, the {@code final} flag and the 0.3 agent-card fields.
 */
public final class A2aJson03 {
    private final A2aJson json;
    private final JsonReader read;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public A2aJson03(A2aJson json) {
        this.json = json;
        this.read = new JsonReader(json.mapper());
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** 0.3 {@code MessageSendParams}. A missing {@code blocking} means blocking, as 1.0's default. */
    public SendMessageRequest readSendParams(JsonNode params, String path) {
        read.object(params, path);
        JsonNode message = params.get("message");
        if (message == null || message.isNull()) {
            throw A2aException.invalid(path + ".message", "is required");
        }
        SendMessageRequest.Configuration configuration = SendMessageRequest.Configuration.DEFAULT;
        JsonNode config = params.get("configuration");
        if (config != null && !config.isNull()) {
            String configPath = path + ".configuration";
            read.object(config, configPath);
            boolean blocking = !config.has("blocking") || config.get("blocking").isNull()
                    || read.bool(config, "blocking", configPath);
            configuration = new SendMessageRequest.Configuration(read.strings(config, "acceptedOutputModes", configPath),
                    null, read.integer(config, "historyLength", configPath, 0, Integer.MAX_VALUE), !blocking);
        }
        return new SendMessageRequest(null, readMessage(message, path + ".message"), configuration,
                read.map(params, "metadata", path));
    }

    public Message readMessage(JsonNode node, String path) {
        read.object(node, path);
        String role = read.text(node, "role", path);
        Role parsed;
        if ("user".equals(role)) {
            parsed = Role.USER;
        } else if ("agent".equals(role)) {
            parsed = Role.AGENT;
        } else {
            throw A2aException.invalid(path + ".role", "must be \"user\" or \"agent\"");
        }
        List<Part> parts = read.list(node, "parts", path, this::readPart);
        if (parts.isEmpty()) {
            throw A2aException.invalid(path + ".parts", "needs at least one part");
        }
        return new Message(read.requiredText(node, "messageId", path), read.text(node, "contextId", path),
                read.text(node, "taskId", path), parsed, parts, read.map(node, "metadata", path),
                read.strings(node, "extensions", path), read.strings(node, "referenceTaskIds", path));
    }

    public Part readPart(JsonNode node, String path) {
        read.object(node, path);
        String kind = read.text(node, "kind", path);
        Map<String, Object> metadata = read.map(node, "metadata", path);
        if ("text".equals(kind) || kind == null && node.has("text")) {
            String text = read.text(node, "text", path);
            if (text == null) {
                throw A2aException.invalid(path + ".text", "is required for a text part");
            }
            return new Part.Text(text, null, null, metadata);
        }
        if ("file".equals(kind)) {
            JsonNode file = read.object(node.get("file"), path + ".file");
            String mimeType = read.text(file, "mimeType", path + ".file");
            String name = read.text(file, "name", path + ".file");
            if (file.has("bytes")) {
                try {
                    return new Part.Raw(Base64.getDecoder().decode(read.requiredText(file, "bytes", path + ".file")),
                            mimeType, name, metadata);
                } catch (IllegalArgumentException e) {
                    throw A2aException.invalid(path + ".file.bytes", "must be Base64");
                }
            }
            return new Part.Url(read.requiredText(file, "uri", path + ".file"), mimeType, name, metadata);
        }
        if ("data".equals(kind)) {
            if (!node.has("data")) {
                throw A2aException.invalid(path + ".data", "is required for a data part");
            }
            return new Part.Data(read.any(node.get("data")), null, null, metadata);
        }
        throw A2aException.invalid(path + ".kind", "must be \"text\", \"file\" or \"data\"");
    }

    /** 0.3 {@code TaskPushNotificationConfig}: {@code {taskId, pushNotificationConfig: {id, url, token, authentication}}}. */
    public TaskPushNotificationConfig readPushConfig(JsonNode params, String path) {
        read.object(params, path);
        JsonNode config = read.object(params.get("pushNotificationConfig"), path + ".pushNotificationConfig");
        String configPath = path + ".pushNotificationConfig";
        TaskPushNotificationConfig.Authentication authentication = null;
        JsonNode auth = config.get("authentication");
        if (auth != null && !auth.isNull()) {
            List<String> schemes = read.strings(read.object(auth, configPath + ".authentication"), "schemes",
                    configPath + ".authentication");
            if (schemes.isEmpty()) {
                throw A2aException.invalid(configPath + ".authentication.schemes", "needs at least one scheme");
            }
            authentication = new TaskPushNotificationConfig.Authentication(schemes.get(0),
                    read.text(auth, "credentials", configPath + ".authentication"));
        }
        return new TaskPushNotificationConfig(null, read.text(config, "id", configPath),
                read.requiredText(params, "taskId", path), read.requiredText(config, "url", configPath),
                read.text(config, "token", configPath), authentication);
    }

    /** A 0.3 result or stream event (with {@code kind}): a task, a message, a status or an artifact update. */
    public StreamEvent readEvent(JsonNode node, String path) {
        read.object(node, path);
        String kind = read.text(node, "kind", path);
        if ("task".equals(kind)) {
            return readTask(node, path);
        }
        if ("message".equals(kind)) {
            return readMessage(node, path);
        }
        if ("status-update".equals(kind)) {
            return new TaskStatusUpdateEvent(read.requiredText(node, "taskId", path), read.text(node, "contextId", path),
                    readStatus(node.get("status"), path + ".status"), read.map(node, "metadata", path));
        }
        if ("artifact-update".equals(kind)) {
            return new TaskArtifactUpdateEvent(read.requiredText(node, "taskId", path), read.text(node, "contextId", path),
                    readArtifact(node.get("artifact"), path + ".artifact"), read.bool(node, "append", path),
                    read.bool(node, "lastChunk", path), read.map(node, "metadata", path));
        }
        throw A2aException.invalid(path + ".kind", "must be \"task\", \"message\", \"status-update\" or \"artifact-update\"");
    }

    public Task readTask(JsonNode node, String path) {
        read.object(node, path);
        return new Task(read.requiredText(node, "id", path), read.text(node, "contextId", path),
                readStatus(node.get("status"), path + ".status"), read.list(node, "artifacts", path, this::readArtifact),
                read.list(node, "history", path, this::readMessage), read.map(node, "metadata", path));
    }

    /** A 0.3 status; its timestamp may lack the zone (then UTC is assumed). */
    public TaskStatus readStatus(JsonNode node, String path) {
        read.object(node, path);
        String state = read.text(node, "state", path);
        if (state == null) {
            throw A2aException.invalid(path + ".state", "is required");
        }
        JsonNode message = node.get("message");
        return new TaskStatus(state(state, path + ".state"),
                message == null || message.isNull() ? null : readMessage(message, path + ".message"),
                timestamp(read.text(node, "timestamp", path), path + ".timestamp"));
    }

    public Artifact readArtifact(JsonNode node, String path) {
        read.object(node, path);
        return new Artifact(read.requiredText(node, "artifactId", path), read.text(node, "name", path),
                read.text(node, "description", path), read.list(node, "parts", path, this::readPart),
                read.map(node, "metadata", path), read.strings(node, "extensions", path));
    }

    /**
     * An agent card of either version: the 1.0 fields, and for a 0.3-only card (no {@code supportedInterfaces})
     * its {@code url}, {@code preferredTransport} and {@code additionalInterfaces} as interfaces of its version;
     * 0.3 security schemes and {@code security} are read as their 1.0 forms.
     */
    public AgentCard readCard(JsonNode node, String path) {
        AgentCard card = json.readCard(SecuritySchemes03.withCurrentFields(node), path);
        return card.supportedInterfaces().isEmpty() ? card.withInterfaces(readLegacyInterfaces(node, path)) : card;
    }

    /**
     * The interfaces named by the 0.3 top-level card fields: {@code url} with {@code preferredTransport} (default
     * {@code JSONRPC}) first, then each of {@code additionalInterfaces} not already listed. Their protocol version
     * is the card's {@code protocolVersion} as Major.Minor (default {@code 0.3}).
     */
    public List<AgentInterface> readLegacyInterfaces(JsonNode node, String path) {
        read.object(node, path);
        String version = majorMinor(read.text(node, "protocolVersion", path));
        List<AgentInterface> interfaces = new ArrayList<>();
        String url = read.text(node, "url", path);
        if (url != null && !url.isEmpty()) {
            String transport = read.text(node, "preferredTransport", path);
            interfaces.add(new AgentInterface(url, transport == null ? AgentInterface.JSONRPC : transport, version, null));
        }
        for (AgentInterface additional : read.list(node, "additionalInterfaces", path, (item, itemPath) ->
                new AgentInterface(read.requiredText(item, "url", itemPath), read.requiredText(item, "transport", itemPath),
                        version, null))) {
            if (!interfaces.contains(additional)) {
                interfaces.add(additional);
            }
        }
        return interfaces;
    }

    /** The state named by its 0.3 name: {@code input-required}, {@code completed}…; {@code unknown} is unspecified. */
    public static TaskState state(String name, String path) {
        if ("unknown".equals(name)) {
            return TaskState.UNSPECIFIED;
        }
        for (TaskState state : TaskState.values()) {
            if (state != TaskState.UNSPECIFIED && state(state).equals(name)) {
                return state;
            }
        }
        throw A2aException.invalid(path, "must be one of submitted, working, input-required, completed, canceled, "
                + "failed, rejected, auth-required, unknown, got '" + name + "'");
    }

    private static Instant timestamp(String value, String path) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw A2aException.invalid(path, "must be an ISO 8601 timestamp like 2026-01-01T00:00:00Z");
            }
        }
    }

    private static String majorMinor(String version) {
        if (version == null || version.isBlank()) {
            return "0.3";
        }
        String[] numbers = version.trim().split("\\.");
        return numbers.length < 2 ? numbers[0] : numbers[0] + "." + numbers[1];
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** 0.3 {@code MessageSendParams}; {@code blocking} is always written, since 0.3 gives it no default. */
    public ObjectNode sendParams(SendMessageRequest request) {
        ObjectNode node = nodes.objectNode();
        node.set("message", message(request.message()));
        SendMessageRequest.Configuration configuration = request.configuration();
        ObjectNode config = node.putObject("configuration");
        if (!configuration.acceptedOutputModes().isEmpty()) {
            config.set("acceptedOutputModes", json.mapper().valueToTree(configuration.acceptedOutputModes()));
        }
        config.put("blocking", !configuration.returnImmediately());
        if (configuration.historyLength() != null) {
            config.put("historyLength", configuration.historyLength());
        }
        if (configuration.pushNotificationConfig() != null) {
            config.set("pushNotificationConfig", pushNotificationConfig(configuration.pushNotificationConfig()));
        }
        putMap(node, "metadata", request.metadata());
        return node;
    }

    public ObjectNode pushConfig(TaskPushNotificationConfig config) {
        ObjectNode node = nodes.objectNode();
        node.put("taskId", config.taskId());
        node.set("pushNotificationConfig", pushNotificationConfig(config));
        return node;
    }

    private ObjectNode pushNotificationConfig(TaskPushNotificationConfig config) {
        ObjectNode push = nodes.objectNode();
        if (config.id() != null) {
            push.put("id", config.id());
        }
        push.put("url", config.url());
        if (config.token() != null) {
            push.put("token", config.token());
        }
        if (config.authentication() != null) {
            ObjectNode authentication = push.putObject("authentication");
            authentication.putArray("schemes").add(config.authentication().scheme());
            if (config.authentication().credentials() != null) {
                authentication.put("credentials", config.authentication().credentials());
            }
        }
        return push;
    }

    /** A result or stream event in 0.3 form (unwrapped, with {@code kind}). */
    public ObjectNode event(StreamEvent event) {
        if (event instanceof Task task) {
            return task(task);
        }
        if (event instanceof Message message) {
            return message(message);
        }
        if (event instanceof TaskStatusUpdateEvent update) {
            ObjectNode node = nodes.objectNode();
            node.put("kind", "status-update");
            node.put("taskId", update.taskId());
            node.put("contextId", update.contextId());
            node.set("status", status(update.status()));
            TaskState state = update.status().state();
            node.put("final", state.isTerminal() || state.isInterrupted());
            putMap(node, "metadata", update.metadata());
            return node;
        }
        TaskArtifactUpdateEvent update = (TaskArtifactUpdateEvent) event;
        ObjectNode node = nodes.objectNode();
        node.put("kind", "artifact-update");
        node.put("taskId", update.taskId());
        node.put("contextId", update.contextId());
        node.set("artifact", artifact(update.artifact()));
        node.put("append", update.append());
        node.put("lastChunk", update.lastChunk());
        putMap(node, "metadata", update.metadata());
        return node;
    }

    public ObjectNode task(Task task) {
        ObjectNode node = nodes.objectNode();
        node.put("kind", "task");
        node.put("id", task.id());
        node.put("contextId", task.contextId());
        node.set("status", status(task.status()));
        if (!task.artifacts().isEmpty()) {
            ArrayNode artifacts = node.putArray("artifacts");
            task.artifacts().forEach(artifact -> artifacts.add(artifact(artifact)));
        }
        if (!task.history().isEmpty()) {
            ArrayNode history = node.putArray("history");
            task.history().forEach(message -> history.add(message(message)));
        }
        putMap(node, "metadata", task.metadata());
        return node;
    }

    public ObjectNode message(Message message) {
        ObjectNode node = nodes.objectNode();
        node.put("kind", "message");
        node.put("messageId", message.messageId());
        if (message.contextId() != null) {
            node.put("contextId", message.contextId());
        }
        if (message.taskId() != null) {
            node.put("taskId", message.taskId());
        }
        node.put("role", message.role() == Role.AGENT ? "agent" : "user");
        ArrayNode parts = node.putArray("parts");
        message.parts().forEach(part -> parts.add(part(part)));
        putMap(node, "metadata", message.metadata());
        if (!message.extensions().isEmpty()) {
            node.set("extensions", json.mapper().valueToTree(message.extensions()));
        }
        if (!message.referenceTaskIds().isEmpty()) {
            node.set("referenceTaskIds", json.mapper().valueToTree(message.referenceTaskIds()));
        }
        return node;
    }

    public ObjectNode part(Part part) {
        ObjectNode node = nodes.objectNode();
        if (part instanceof Part.Text text) {
            node.put("kind", "text");
            node.put("text", text.text());
        } else if (part instanceof Part.Data data) {
            node.put("kind", "data");
            node.set("data", json.mapper().valueToTree(data.data()));
        } else {
            node.put("kind", "file");
            ObjectNode file = node.putObject("file");
            if (part instanceof Part.Raw raw) {
                file.put("bytes", Base64.getEncoder().encodeToString(raw.raw()));
            } else {
                file.put("uri", ((Part.Url) part).url());
            }
            if (part.mediaType() != null) {
                file.put("mimeType", part.mediaType());
            }
            if (part.filename() != null) {
                file.put("name", part.filename());
            }
        }
        putMap(node, "metadata", part.metadata());
        return node;
    }

    public ObjectNode artifact(Artifact artifact) {
        ObjectNode node = nodes.objectNode();
        node.put("artifactId", artifact.artifactId());
        if (artifact.name() != null) {
            node.put("name", artifact.name());
        }
        if (artifact.description() != null) {
            node.put("description", artifact.description());
        }
        ArrayNode parts = node.putArray("parts");
        artifact.parts().forEach(part -> parts.add(part(part)));
        putMap(node, "metadata", artifact.metadata());
        return node;
    }

    public ObjectNode status(TaskStatus status) {
        ObjectNode node = nodes.objectNode();
        node.put("state", state(status.state()));
        if (status.message() != null) {
            node.set("message", message(status.message()));
        }
        if (status.timestamp() != null) {
            node.put("timestamp", status.timestamp().toString());
        }
        return node;
    }

    /** The 0.3 name of a state: {@code input-required}, {@code completed}… */
    public static String state(TaskState state) {
        return state == TaskState.UNSPECIFIED ? "unknown" : state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Adds the 0.3 top-level card fields to a 1.0 card's JSON, so clients of both versions read the same card:
     * {@code protocolVersion}, {@code url} and {@code preferredTransport} (the first interface),
     * {@code additionalInterfaces}: the card's interfaces that speak 0.3; and security in its 0.3 form
     * ({@link SecuritySchemes03}).
     */
    public ObjectNode addLegacyCardFields(ObjectNode card, AgentCard model) {
        List<AgentInterface> interfaces = model.supportedInterfaces().stream()
                .filter(agentInterface -> "0.3".equals(agentInterface.protocolVersion())).toList();
        card.put("protocolVersion", "0.3.0");
        if (!interfaces.isEmpty()) {
            card.put("url", interfaces.get(0).url());
            card.put("preferredTransport", interfaces.get(0).protocolBinding());
            ArrayNode additional = card.putArray("additionalInterfaces");
            for (AgentInterface agentInterface : interfaces) {
                ObjectNode item = additional.addObject();
                item.put("url", agentInterface.url());
                item.put("transport", agentInterface.protocolBinding());
            }
        }
        SecuritySchemes03.addLegacyFields(card);
        return card;
    }

    private void putMap(ObjectNode node, String field, Map<String, Object> value) {
        if (!value.isEmpty()) {
            node.set(field, json.mapper().valueToTree(value));
        }
    }
}
