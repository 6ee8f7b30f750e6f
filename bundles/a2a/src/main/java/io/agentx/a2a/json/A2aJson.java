package io.agentx.a2a.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentExtension;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.AgentProvider;
import io.agentx.a2a.model.AgentSkill;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.PushConfigPage;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Converts the A2A 1.0 model to and from its JSON form. Thread-safe; create one and share it.
 * Readers take the JSON path of the value so that errors name the offending field, e.g.
 * {@code params.message.parts[0]: needs exactly one of text, raw, url, data}.
 */
public final class A2aJson {
    /** Deepest JSON nesting accepted when parsing, unless configured otherwise. */
    public static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final JsonReader read;
    private final StreamingWriter writer = new StreamingWriter();

    public A2aJson() {
        this(MAX_NESTING_DEPTH);
    }

    /** A codec whose parser refuses JSON nested deeper than {@code maxNestingDepth}. */
    public A2aJson(int maxNestingDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth)
                        .maxNumberLength(100).maxStringLength(50_000_000).build())
                .build();
        this.mapper = new ObjectMapper(factory);
        this.read = new JsonReader(mapper);
    }

    /** The mapper used for parsing and writing JSON, configured with the codec's limits. */
    public ObjectMapper mapper() {
        return mapper;
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** The JSON of a model value: any {@link StreamEvent}, card, list response or push configuration. */
    public ObjectNode toJson(Object value) {
        if (value instanceof Task task) {
            return task(task);
        }
        if (value instanceof Message message) {
            return message(message);
        }
        if (value instanceof TaskStatusUpdateEvent update) {
            return statusUpdate(update);
        }
        if (value instanceof TaskArtifactUpdateEvent update) {
            return artifactUpdate(update);
        }
        if (value instanceof AgentCard card) {
            return card(card);
        }
        if (value instanceof ListTasksResponse list) {
            return listTasksResponse(list);
        }
        if (value instanceof TaskPushNotificationConfig config) {
            return taskPushConfig(config);
        }
        throw new IllegalArgumentException("not an A2A model value: " + value.getClass().getName());
    }

    /** A stream event wrapped as a {@code StreamResponse}: {@code {"task":…}}, {@code {"statusUpdate":…}}… */
    public ObjectNode streamResponse(StreamEvent event) {
        return tree(g -> writer.streamResponse(g, event));
    }

    public ObjectNode task(Task task) {
        return tree(g -> writer.task(g, task));
    }

    public ObjectNode status(TaskStatus status) {
        return tree(g -> writer.status(g, status));
    }

    public ObjectNode message(Message message) {
        return tree(g -> writer.message(g, message));
    }

    public ObjectNode part(Part part) {
        return tree(g -> writer.part(g, part));
    }

    public ObjectNode artifact(Artifact artifact) {
        return tree(g -> writer.artifact(g, artifact));
    }

    public ObjectNode statusUpdate(TaskStatusUpdateEvent update) {
        return tree(g -> writer.statusUpdate(g, update));
    }

    public ObjectNode artifactUpdate(TaskArtifactUpdateEvent update) {
        return tree(g -> writer.artifactUpdate(g, update));
    }

    /** Writes a {@code StreamResponse} straight to a generator (no intermediate tree). */
    public void writeStreamResponse(JsonGenerator generator, StreamEvent event) throws IOException {
        writer.streamResponse(generator, event);
    }

    /** Writes a task straight to a generator (no intermediate tree). */
    public void writeTask(JsonGenerator generator, Task task) throws IOException {
        writer.task(generator, task);
    }

    /** A task's JSON as bytes, written without an intermediate tree. */
    public byte[] taskBytes(Task task) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            writer.task(generator, task);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode task " + task.id(), e);
        }
        return bytes.toByteArray();
    }

    /** Writes with the streaming writer into a tree, for callers that need to inspect or extend the JSON. */
    private ObjectNode tree(GeneratorWrite write) {
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            write.to(buffer);
            return (ObjectNode) mapper.readTree(buffer.asParser(mapper));
        } catch (IOException e) {
            throw new IllegalStateException("cannot build A2A JSON", e);
        }
    }

    /** One streaming write. */
    @FunctionalInterface
    private interface GeneratorWrite {
        void to(JsonGenerator generator) throws IOException;
    }

    public ObjectNode card(AgentCard card) {
        ObjectNode json = nodes.objectNode();
        json.put("name", card.name());
        json.put("description", card.description() == null ? "" : card.description());
        ArrayNode interfaces = json.putArray("supportedInterfaces");
        for (AgentInterface agentInterface : card.supportedInterfaces()) {
            ObjectNode item = interfaces.addObject();
            item.put("url", agentInterface.url());
            item.put("protocolBinding", agentInterface.protocolBinding());
            item.put("protocolVersion", agentInterface.protocolVersion());
            putText(item, "tenant", agentInterface.tenant());
        }
        if (card.provider() != null) {
            ObjectNode provider = json.putObject("provider");
            provider.put("organization", card.provider().organization());
            putText(provider, "url", card.provider().url());
        }
        json.put("version", card.version() == null ? "" : card.version());
        putText(json, "documentationUrl", card.documentationUrl());
        ObjectNode capabilities = json.putObject("capabilities");
        capabilities.put("streaming", card.capabilities().streaming());
        capabilities.put("pushNotifications", card.capabilities().pushNotifications());
        if (!card.capabilities().extensions().isEmpty()) {
            ArrayNode extensions = capabilities.putArray("extensions");
            for (AgentExtension extension : card.capabilities().extensions()) {
                ObjectNode item = extensions.addObject();
                item.put("uri", extension.uri());
                putText(item, "description", extension.description());
                if (extension.required()) {
                    item.put("required", true);
                }
                putMap(item, "params", extension.params());
            }
        }
        capabilities.put("extendedAgentCard", card.capabilities().extendedAgentCard());
        putMap(json, "securitySchemes", card.securitySchemes());
        if (!card.securityRequirements().isEmpty()) {
            json.set("securityRequirements", mapper.valueToTree(card.securityRequirements()));
        }
        putStrings(json, "defaultInputModes", card.defaultInputModes());
        putStrings(json, "defaultOutputModes", card.defaultOutputModes());
        ArrayNode skills = json.putArray("skills");
        for (AgentSkill skill : card.skills()) {
            ObjectNode item = skills.addObject();
            item.put("id", skill.id());
            item.put("name", skill.name());
            item.put("description", skill.description() == null ? "" : skill.description());
            item.set("tags", mapper.valueToTree(skill.tags()));
            putStrings(item, "examples", skill.examples());
            putStrings(item, "inputModes", skill.inputModes());
            putStrings(item, "outputModes", skill.outputModes());
            if (!skill.securityRequirements().isEmpty()) {
                item.set("securityRequirements", mapper.valueToTree(skill.securityRequirements()));
            }
        }
        if (!card.signatures().isEmpty()) {
            json.set("signatures", mapper.valueToTree(card.signatures()));
        }
        putText(json, "iconUrl", card.iconUrl());
        return json;
    }

    public ObjectNode listTasksResponse(ListTasksResponse response) {
        ObjectNode json = nodes.objectNode();
        ArrayNode tasks = json.putArray("tasks");
        response.tasks().forEach(task -> tasks.add(task(task)));
        json.put("nextPageToken", response.nextPageToken());
        json.put("pageSize", response.pageSize());
        json.put("totalSize", response.totalSize());
        return json;
    }

    public ObjectNode taskPushConfig(TaskPushNotificationConfig config) {
        ObjectNode json = nodes.objectNode();
        putText(json, "tenant", config.tenant());
        putText(json, "id", config.id());
        putText(json, "taskId", config.taskId());
        json.put("url", config.url());
        putText(json, "token", config.token());
        if (config.authentication() != null) {
            ObjectNode authentication = json.putObject("authentication");
            authentication.put("scheme", config.authentication().scheme());
            putText(authentication, "credentials", config.authentication().credentials());
        }
        return json;
    }

    /** A {@code SendMessageRequest}, as a client sends it in JSON-RPC {@code params} or an HTTP+JSON body. */
    public ObjectNode sendMessageRequest(SendMessageRequest request) {
        ObjectNode json = nodes.objectNode();
        putText(json, "tenant", request.tenant());
        json.set("message", message(request.message()));
        SendMessageRequest.Configuration configuration = request.configuration();
        if (!configuration.equals(SendMessageRequest.Configuration.DEFAULT)) {
            ObjectNode config = json.putObject("configuration");
            putStrings(config, "acceptedOutputModes", configuration.acceptedOutputModes());
            if (configuration.pushNotificationConfig() != null) {
                config.set("taskPushNotificationConfig", taskPushConfig(configuration.pushNotificationConfig()));
            }
            if (configuration.historyLength() != null) {
                config.put("historyLength", configuration.historyLength());
            }
            if (configuration.returnImmediately()) {
                config.put("returnImmediately", true);
            }
        }
        putMap(json, "metadata", request.metadata());
        return json;
    }

    /** A {@code ListTasksRequest}: JSON-RPC {@code params}, or (flat) the query parameters of HTTP+JSON. */
    public ObjectNode listTasksRequest(ListTasksRequest request) {
        ObjectNode json = nodes.objectNode();
        putText(json, "tenant", request.tenant());
        putText(json, "contextId", request.contextId());
        if (request.status() != null) {
            json.put("status", request.status().wireName());
        }
        if (request.pageSize() != null) {
            json.put("pageSize", request.pageSize());
        }
        putText(json, "pageToken", request.pageToken());
        if (request.historyLength() != null) {
            json.put("historyLength", request.historyLength());
        }
        if (request.statusTimestampAfter() != null) {
            json.put("statusTimestampAfter", request.statusTimestampAfter().toString());
        }
        if (request.includeArtifacts()) {
            json.put("includeArtifacts", true);
        }
        return json;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public SendMessageRequest readSendMessageRequest(JsonNode json, String path) {
        read.object(json, path);
        JsonNode message = json.get("message");
        if (message == null || message.isNull()) {
            throw A2aException.invalid(path + ".message", "is required");
        }
        SendMessageRequest.Configuration configuration = SendMessageRequest.Configuration.DEFAULT;
        JsonNode config = json.get("configuration");
        if (config != null && !config.isNull()) {
            String configPath = path + ".configuration";
            read.object(config, configPath);
            JsonNode push = config.has("taskPushNotificationConfig") ? config.get("taskPushNotificationConfig")
                    : config.get("pushNotificationConfig");
            boolean returnImmediately = read.bool(config, "returnImmediately", configPath)
                    || (config.has("blocking") && config.get("blocking").isBoolean() && !config.get("blocking").booleanValue());
            configuration = new SendMessageRequest.Configuration(
                    read.strings(config, "acceptedOutputModes", configPath),
                    push == null || push.isNull() ? null : readTaskPushConfig(push, configPath + ".taskPushNotificationConfig"),
                    read.integer(config, "historyLength", configPath, 0, Integer.MAX_VALUE),
                    returnImmediately);
        }
        return new SendMessageRequest(read.text(json, "tenant", path), readMessage(message, path + ".message"),
                configuration, read.map(json, "metadata", path));
    }

    public Message readMessage(JsonNode json, String path) {
        read.object(json, path);
        Role role = read.enumValue(json, "role", path, Role.class, "ROLE_");
        if (role == null || role == Role.UNSPECIFIED) {
            throw A2aException.invalid(path + ".role", "is required (ROLE_USER or ROLE_AGENT)");
        }
        List<Part> parts = read.list(json, "parts", path, this::readPart);
        if (parts.isEmpty()) {
            throw A2aException.invalid(path + ".parts", "needs at least one part");
        }
        return new Message(read.requiredText(json, "messageId", path), read.text(json, "contextId", path),
                read.text(json, "taskId", path), role, parts, read.map(json, "metadata", path),
                read.strings(json, "extensions", path), read.strings(json, "referenceTaskIds", path));
    }

    public Part readPart(JsonNode json, String path) {
        read.object(json, path);
        int kinds = (json.has("text") ? 1 : 0) + (json.has("raw") ? 1 : 0) + (json.has("url") ? 1 : 0)
                + (json.has("data") ? 1 : 0);
        if (kinds != 1) {
            throw A2aException.invalid(path, "needs exactly one of text, raw, url, data");
        }
        String mediaType = read.text(json, "mediaType", path);
        String filename = read.text(json, "filename", path);
        Map<String, Object> metadata = read.map(json, "metadata", path);
        if (json.has("text")) {
            String text = read.text(json, "text", path);
            if (text == null) {
                throw A2aException.invalid(path + ".text", "must be a string");
            }
            return new Part.Text(text, mediaType, filename, metadata);
        }
        if (json.has("raw")) {
            try {
                return new Part.Raw(Base64.getDecoder().decode(read.requiredText(json, "raw", path)), mediaType,
                        filename, metadata);
            } catch (IllegalArgumentException e) {
                throw A2aException.invalid(path + ".raw", "must be Base64");
            }
        }
        if (json.has("url")) {
            return new Part.Url(read.requiredText(json, "url", path), mediaType, filename, metadata);
        }
        return new Part.Data(read.any(json.get("data")), mediaType, filename, metadata);
    }

    public Task readTask(JsonNode json, String path) {
        read.object(json, path);
        return new Task(read.requiredText(json, "id", path), read.text(json, "contextId", path),
                readStatus(read.object(json.get("status"), path + ".status"), path + ".status"),
                read.list(json, "artifacts", path, this::readArtifact),
                read.list(json, "history", path, this::readMessage), read.map(json, "metadata", path));
    }

    public TaskStatus readStatus(JsonNode json, String path) {
        TaskState state = read.enumValue(json, "state", path, TaskState.class, "TASK_STATE_");
        if (state == null) {
            throw A2aException.invalid(path + ".state", "is required");
        }
        JsonNode message = json.get("message");
        return new TaskStatus(state, message == null || message.isNull() ? null : readMessage(message, path + ".message"),
                read.instant(json, "timestamp", path));
    }

    public Artifact readArtifact(JsonNode json, String path) {
        read.object(json, path);
        return new Artifact(read.requiredText(json, "artifactId", path), read.text(json, "name", path),
                read.text(json, "description", path), read.list(json, "parts", path, this::readPart),
                read.map(json, "metadata", path), read.strings(json, "extensions", path));
    }

    /** A {@code StreamResponse} (or a SendMessage result): exactly one of task, message, statusUpdate, artifactUpdate. */
    public StreamEvent readStreamResponse(JsonNode json, String path) {
        read.object(json, path);
        if (json.has("task")) {
            return readTask(json.get("task"), path + ".task");
        }
        if (json.has("message")) {
            return readMessage(json.get("message"), path + ".message");
        }
        if (json.has("statusUpdate")) {
            JsonNode update = read.object(json.get("statusUpdate"), path + ".statusUpdate");
            return new TaskStatusUpdateEvent(read.requiredText(update, "taskId", path + ".statusUpdate"),
                    read.text(update, "contextId", path + ".statusUpdate"),
                    readStatus(read.object(update.get("status"), path + ".statusUpdate.status"), path + ".statusUpdate.status"),
                    read.map(update, "metadata", path + ".statusUpdate"));
        }
        if (json.has("artifactUpdate")) {
            String updatePath = path + ".artifactUpdate";
            JsonNode update = read.object(json.get("artifactUpdate"), updatePath);
            return new TaskArtifactUpdateEvent(read.requiredText(update, "taskId", updatePath),
                    read.text(update, "contextId", updatePath),
                    readArtifact(update.get("artifact"), updatePath + ".artifact"),
                    read.bool(update, "append", updatePath), read.bool(update, "lastChunk", updatePath),
                    read.map(update, "metadata", updatePath));
        }
        throw A2aException.invalid(path, "needs one of task, message, statusUpdate, artifactUpdate");
    }

    public ListTasksRequest readListTasksRequest(JsonNode json, String path) {
        read.object(json, path);
        return new ListTasksRequest(read.text(json, "tenant", path), read.text(json, "contextId", path),
                read.enumValue(json, "status", path, TaskState.class, "TASK_STATE_"),
                read.integer(json, "pageSize", path, 1, 100), read.text(json, "pageToken", path),
                read.integer(json, "historyLength", path, 0, Integer.MAX_VALUE),
                read.instant(json, "statusTimestampAfter", path), read.bool(json, "includeArtifacts", path));
    }

    /**
     * The page a ListTaskPushNotificationConfigs request asks for: its {@code pageSize} (1-100; 0, the protocol's
     * default, as if absent) and {@code pageToken}.
     */
    public PushConfigPage.Request readPushConfigPageRequest(JsonNode json, String path) {
        read.object(json, path);
        Integer pageSize = read.integer(json, "pageSize", path, 0, PushConfigPage.MAX_PAGE_SIZE);
        return new PushConfigPage.Request(pageSize == null || pageSize == 0 ? null : pageSize,
                read.text(json, "pageToken", path));
    }

    public ListTasksResponse readListTasksResponse(JsonNode json, String path) {
        read.object(json, path);
        Integer pageSize = read.integer(json, "pageSize", path, 0, Integer.MAX_VALUE);
        Integer totalSize = read.integer(json, "totalSize", path, 0, Integer.MAX_VALUE);
        return new ListTasksResponse(read.list(json, "tasks", path, this::readTask), read.text(json, "nextPageToken", path),
                pageSize == null ? 0 : pageSize, totalSize == null ? 0 : totalSize);
    }

    public TaskPushNotificationConfig readTaskPushConfig(JsonNode json, String path) {
        read.object(json, path);
        TaskPushNotificationConfig.Authentication authentication = null;
        JsonNode auth = json.get("authentication");
        if (auth != null && !auth.isNull()) {
            read.object(auth, path + ".authentication");
            authentication = new TaskPushNotificationConfig.Authentication(
                    read.requiredText(auth, "scheme", path + ".authentication"),
                    read.text(auth, "credentials", path + ".authentication"));
        }
        return new TaskPushNotificationConfig(read.text(json, "tenant", path), read.text(json, "id", path),
                read.text(json, "taskId", path), read.requiredText(json, "url", path), read.text(json, "token", path),
                authentication);
    }

    public AgentCard readCard(JsonNode json, String path) {
        read.object(json, path);
        JsonNode caps = json.get("capabilities");
        AgentCapabilities capabilities = AgentCapabilities.NONE;
        if (caps != null && caps.isObject()) {
            String capsPath = path + ".capabilities";
            capabilities = new AgentCapabilities(read.bool(caps, "streaming", capsPath),
                    read.bool(caps, "pushNotifications", capsPath),
                    read.list(caps, "extensions", capsPath, (node, itemPath) -> new AgentExtension(
                            read.requiredText(node, "uri", itemPath), read.text(node, "description", itemPath),
                            read.bool(node, "required", itemPath), read.map(node, "params", itemPath))),
                    read.bool(caps, "extendedAgentCard", capsPath));
        }
        JsonNode provider = json.get("provider");
        List<Map<String, Object>> requirements = read.objects(json, "securityRequirements", path);
        List<Map<String, Object>> signatures = read.objects(json, "signatures", path);
        return new AgentCard(read.requiredText(json, "name", path), read.text(json, "description", path),
                read.list(json, "supportedInterfaces", path, (node, itemPath) -> new AgentInterface(
                        read.requiredText(node, "url", itemPath), read.requiredText(node, "protocolBinding", itemPath),
                        read.text(node, "protocolVersion", itemPath), read.text(node, "tenant", itemPath))),
                provider == null || !provider.isObject() ? null : new AgentProvider(
                        read.text(provider, "organization", path + ".provider"), read.text(provider, "url", path + ".provider")),
                read.text(json, "version", path), read.text(json, "documentationUrl", path), capabilities,
                read.map(json, "securitySchemes", path), requirements,
                read.strings(json, "defaultInputModes", path), read.strings(json, "defaultOutputModes", path),
                read.list(json, "skills", path, (node, itemPath) -> new AgentSkill(read.requiredText(node, "id", itemPath),
                        read.text(node, "name", itemPath), read.text(node, "description", itemPath),
                        read.strings(node, "tags", itemPath), read.strings(node, "examples", itemPath),
                        read.strings(node, "inputModes", itemPath), read.strings(node, "outputModes", itemPath), List.of())),
                signatures, read.text(json, "iconUrl", path));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private void putMap(ObjectNode json, String field, Map<String, Object> value) {
        if (!value.isEmpty()) {
            json.set(field, mapper.valueToTree(value));
        }
    }

    private static void putStrings(ObjectNode json, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = json.putArray(field);
            values.forEach(array::add);
        }
    }
}
