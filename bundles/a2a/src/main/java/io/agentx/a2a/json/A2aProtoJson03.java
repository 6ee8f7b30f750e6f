package io.agentx.a2a.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The A2A 0.3 HTTP+JSON dialect: ProtoJSON of the v0.3.0 {@code a2a.proto}, mapped to and from the 1.0 model
 * at the edges. A message's parts are its {@code content}; roles are {@code ROLE_USER}/{@code ROLE_AGENT}; states
 * {@code TASK_STATE_*} with {@code TASK_STATE_CANCELLED}; parts are {@code {"text"}}, {@code {"file":{"fileWithUri"
 * | "fileWithBytes", "mimeType"}}} or {@code {"data":{"data":{…}}}}; push configurations are named
 * {@code tasks/{taskId}/pushNotificationConfigs/{configId}}; errors are {@code {"code","message"}} with the
 * JSON-RPC code. Readers accept the proto field names ({@code message_id}…) too, as ProtoJSON parsers must.
 *
 * <p>What 0.3 cannot carry is dropped when writing: part metadata, file names, the media type of text and data
 * parts, message {@code referenceTaskIds}, tenants. Data that is not a JSON object is wrapped as
 * {@code {"value": …}} (a {@code google.protobuf.Struct} is an object).
 */
public final class A2aProtoJson03 {
    /** {@code TASK_STATE_CANCELLED}: the 0.3 proto spells it with two Ls. */
    static final String CANCELLED = "TASK_STATE_CANCELLED";
    private static final Pattern CONFIG_NAME = Pattern.compile("^tasks/([^/]+)/pushNotificationConfigs/([^/]*)$");
    private static final Pattern TASK_NAME = Pattern.compile("^tasks/([^/]+)(?:/|$)");

    private final A2aJson json;
    private final JsonReader read;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public A2aProtoJson03(A2aJson json) {
        this.json = json;
        this.read = new JsonReader(json.mapper());
    }

    public A2aJson json() {
        return json;
    }

    // ---- names -------------------------------------------------------------------------------------------

    /** {@code tasks/{taskId}/pushNotificationConfigs/{configId}}. */
    public static String configName(String taskId, String configId) {
        return "tasks/" + taskId + "/pushNotificationConfigs/" + (configId == null ? "" : configId);
    }

    /** The 0.3 ProtoJSON name of a state: {@code TASK_STATE_CANCELLED} for canceled, else the 1.0 name. */
    public static String state(TaskState state) {
        return state == TaskState.CANCELED ? CANCELLED : state.wireName();
    }

    /** The state of a 0.3 ProtoJSON name (or its number); {@code TASK_STATE_CANCELED} is accepted as well. */
    public static TaskState state(JsonNode value, String path) {
        if (value != null && value.isIntegralNumber()) {
            int number = value.intValue();
            // 0.3 proto numbers: UNSPECIFIED 0, SUBMITTED 1, WORKING 2, COMPLETED 3, FAILED 4, CANCELLED 5,
            // INPUT_REQUIRED 6, REJECTED 7, AUTH_REQUIRED 8: the order of the model's enum
            if (number >= 0 && number < TaskState.values().length) {
                return TaskState.values()[number];
            }
        } else if (value != null && value.isTextual()) {
            String name = value.textValue();
            if (name.equals(CANCELLED)) {
                return TaskState.CANCELED;
            }
            for (TaskState state : TaskState.values()) {
                if (state.wireName().equals(name)) {
                    return state;
                }
            }
        }
        throw A2aException.invalid(path, "must be one of TASK_STATE_SUBMITTED, TASK_STATE_WORKING, "
                + "TASK_STATE_INPUT_REQUIRED, TASK_STATE_COMPLETED, TASK_STATE_CANCELLED, TASK_STATE_FAILED, "
                + "TASK_STATE_REJECTED, TASK_STATE_AUTH_REQUIRED, TASK_STATE_UNSPECIFIED, got " + value);
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /**
     * A 0.3 {@code SendMessageRequest}: {@code {"message", "configuration", "metadata"}}. Without a
     * {@code configuration} the call blocks (as 1.0's default); within one, {@code blocking} is a proto3 bool whose
     * absence means {@code false} — what 0.3 ProtoJSON clients send for a non-blocking call.
     */
    public SendMessageRequest readSendMessageRequest(JsonNode node, String path) {
        read.object(node, path);
        JsonNode message = field(node, "message", "request");
        if (message == null || message.isNull()) {
            throw A2aException.invalid(path + ".message", "is required");
        }
        SendMessageRequest.Configuration configuration = SendMessageRequest.Configuration.DEFAULT;
        JsonNode config = node.get("configuration");
        if (config != null && !config.isNull()) {
            String configPath = path + ".configuration";
            read.object(config, configPath);
            JsonNode push = field(config, "pushNotification", "push_notification");
            Integer historyLength = integer(config, "historyLength", "history_length", configPath);
            configuration = new SendMessageRequest.Configuration(
                    strings(config, "acceptedOutputModes", "accepted_output_modes", configPath),
                    push == null || push.isNull() ? null : readPushNotificationConfig(push, configPath + ".pushNotification",
                            null),
                    historyLength == null || historyLength == 0 ? null : historyLength,
                    !read.bool(config, "blocking", configPath));
        }
        return new SendMessageRequest(null, readMessage(message, path + ".message"), configuration,
                read.map(node, "metadata", path));
    }

    public Message readMessage(JsonNode node, String path) {
        read.object(node, path);
        Role role = role(node.get("role"), path + ".role");
        List<Part> parts = parts(node, "content", path);
        if (parts.isEmpty()) {
            throw A2aException.invalid(path + ".content", "needs at least one part");
        }
        return new Message(requiredText(node, "messageId", "message_id", path), text(node, "contextId", "context_id", path),
                text(node, "taskId", "task_id", path), role, parts, read.map(node, "metadata", path),
                read.strings(node, "extensions", path), null);
    }

    public Part readPart(JsonNode node, String path) {
        read.object(node, path);
        JsonNode text = node.get("text");
        if (text != null && !text.isNull()) {
            return new Part.Text(read.text(node, "text", path), null, null, null);
        }
        JsonNode file = node.get("file");
        if (file != null && !file.isNull()) {
            String filePath = path + ".file";
            read.object(file, filePath);
            String mimeType = emptyToNull(text(file, "mimeType", "mime_type", filePath));
            String bytes = text(file, "fileWithBytes", "file_with_bytes", filePath);
            if (bytes != null) {
                try {
                    return new Part.Raw(Base64.getDecoder().decode(bytes.replace('-', '+').replace('_', '/')), mimeType,
                            null, null);
                } catch (IllegalArgumentException e) {
                    throw A2aException.invalid(filePath + ".fileWithBytes", "must be Base64");
                }
            }
            String uri = text(file, "fileWithUri", "file_with_uri", filePath);
            if (uri == null || uri.isEmpty()) {
                throw A2aException.invalid(filePath, "needs fileWithUri or fileWithBytes");
            }
            return new Part.Url(uri, mimeType, null, null);
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isNull()) {
            read.object(data, path + ".data");
            JsonNode struct = data.get("data");
            return new Part.Data(struct == null || struct.isNull() ? Map.of() : read.any(read.object(struct,
                    path + ".data.data")), null, null, null);
        }
        throw A2aException.invalid(path, "must have one of text, file or data");
    }

    public Task readTask(JsonNode node, String path) {
        read.object(node, path);
        return new Task(read.requiredText(node, "id", path), text(node, "contextId", "context_id", path),
                readStatus(node.get("status"), path + ".status"), read.list(node, "artifacts", path, this::readArtifact),
                read.list(node, "history", path, this::readMessage), read.map(node, "metadata", path));
    }

    public TaskStatus readStatus(JsonNode node, String path) {
        read.object(node, path);
        JsonNode message = field(node, "message", "update");
        return new TaskStatus(state(node.get("state"), path + ".state"),
                message == null || message.isNull() ? null : readMessage(message, path + ".message"),
                timestamp(read.text(node, "timestamp", path), path + ".timestamp"));
    }

    public Artifact readArtifact(JsonNode node, String path) {
        read.object(node, path);
        return new Artifact(requiredText(node, "artifactId", "artifact_id", path), emptyToNull(read.text(node, "name", path)),
                emptyToNull(read.text(node, "description", path)), parts(node, "parts", path),
                read.map(node, "metadata", path), read.strings(node, "extensions", path));
    }

    /** A {@code StreamResponse}: {@code {"task"}}, {@code {"message"}}, {@code {"statusUpdate"}} or {@code {"artifactUpdate"}}. */
    public StreamEvent readStreamResponse(JsonNode node, String path) {
        read.object(node, path);
        JsonNode task = node.get("task");
        if (task != null && !task.isNull()) {
            return readTask(task, path + ".task");
        }
        JsonNode message = field(node, "message", "msg");
        if (message != null && !message.isNull()) {
            return readMessage(message, path + ".message");
        }
        JsonNode status = field(node, "statusUpdate", "status_update");
        if (status != null && !status.isNull()) {
            String statusPath = path + ".statusUpdate";
            read.object(status, statusPath);
            return new TaskStatusUpdateEvent(requiredText(status, "taskId", "task_id", statusPath),
                    text(status, "contextId", "context_id", statusPath), readStatus(status.get("status"), statusPath + ".status"),
                    read.map(status, "metadata", statusPath));
        }
        JsonNode artifact = field(node, "artifactUpdate", "artifact_update");
        if (artifact != null && !artifact.isNull()) {
            String artifactPath = path + ".artifactUpdate";
            read.object(artifact, artifactPath);
            return new TaskArtifactUpdateEvent(requiredText(artifact, "taskId", "task_id", artifactPath),
                    text(artifact, "contextId", "context_id", artifactPath),
                    readArtifact(artifact.get("artifact"), artifactPath + ".artifact"), read.bool(artifact, "append", artifactPath),
                    bool(artifact, "lastChunk", "last_chunk", artifactPath), read.map(artifact, "metadata", artifactPath));
        }
        throw A2aException.invalid(path, "must have one of task, message, statusUpdate or artifactUpdate");
    }

    /** A {@code SendMessageResponse}: {@code {"task"}} or {@code {"message"}}. */
    public StreamEvent readSendMessageResponse(JsonNode node, String path) {
        read.object(node, path);
        if (node.has("statusUpdate") || node.has("artifactUpdate")) {
            throw A2aException.invalid(path, "must have task or message");
        }
        return readStreamResponse(node, path);
    }

    /**
     * A 0.3 {@code TaskPushNotificationConfig}: {@code {"name":"tasks/{taskId}/pushNotificationConfigs/{id}",
     * "pushNotificationConfig":{"id","url","token","authentication"}}}.
     *
     * @param taskId the task of the route, or {@code null}: then the name must name it; a name naming another task
     *        is refused
     */
    public TaskPushNotificationConfig readPushConfig(JsonNode node, String path, String taskId) {
        read.object(node, path);
        String name = read.text(node, "name", path);
        String namedTask = null;
        String namedConfig = null;
        if (name != null && !name.isEmpty()) {
            Matcher config = CONFIG_NAME.matcher(name);
            Matcher task = TASK_NAME.matcher(name);
            if (config.matches()) {
                namedTask = config.group(1);
                namedConfig = emptyToNull(config.group(2));
            } else if (task.find()) {
                namedTask = task.group(1);
            } else {
                throw A2aException.invalid(path + ".name", "must be tasks/{taskId}/pushNotificationConfigs/{configId}");
            }
        }
        if (taskId != null && namedTask != null && !taskId.equals(namedTask)) {
            throw A2aException.invalid(path + ".name", "names task " + namedTask + ", but the request is for task "
                    + taskId);
        }
        String task = taskId != null ? taskId : namedTask;
        if (task == null) {
            throw A2aException.invalid(path + ".name", "is required: tasks/{taskId}/pushNotificationConfigs/{configId}");
        }
        JsonNode push = field(node, "pushNotificationConfig", "push_notification_config");
        TaskPushNotificationConfig config = readPushNotificationConfig(read.object(push, path + ".pushNotificationConfig"),
                path + ".pushNotificationConfig", task);
        return config.id() == null && namedConfig != null ? new TaskPushNotificationConfig(null, namedConfig, task,
                config.url(), config.token(), config.authentication()) : config;
    }

    /** A {@code ListTaskPushNotificationConfigResponse}: {@code {"configs":[…],"nextPageToken"}}; the configs. */
    public List<TaskPushNotificationConfig> readPushConfigs(JsonNode node, String path) {
        read.object(node, path);
        return read.list(node, "configs", path, (item, itemPath) -> readPushConfig(item, itemPath, null));
    }

    /** The next page token of a {@code ListTaskPushNotificationConfigResponse}, or {@code null}. */
    public String readNextPageToken(JsonNode node, String path) {
        return emptyToNull(text(node, "nextPageToken", "next_page_token", path));
    }

    /** A 0.3 HTTP+JSON error body {@code {"code":-32001,"message":"…"}}, or {@code null} if it is not one. */
    public A2aException readError(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("code").isIntegralNumber() || !node.path("message").isTextual()) {
            return null;
        }
        int code = node.get("code").intValue();
        A2aError error = Arrays.stream(A2aError.values()).filter(known -> known.code() == code).findFirst()
                .orElse(A2aError.INTERNAL_ERROR);
        Map<String, String> details = new LinkedHashMap<>();
        if (error.code() != code) {
            details.put("code", Integer.toString(code));
        }
        JsonNode data = node.get("data");
        if (data != null && data.isObject()) {
            data.properties().forEach(entry -> details.put(entry.getKey(),
                    entry.getValue().isTextual() ? entry.getValue().textValue() : entry.getValue().toString()));
        }
        String message = node.get("message").textValue();
        return new A2aException(error, message.isBlank() ? "the agent reported error " + code : message, details);
    }

    private TaskPushNotificationConfig readPushNotificationConfig(JsonNode config, String path, String taskId) {
        read.object(config, path);
        TaskPushNotificationConfig.Authentication authentication = null;
        JsonNode auth = config.get("authentication");
        if (auth != null && !auth.isNull()) {
            String authPath = path + ".authentication";
            List<String> schemes = read.strings(read.object(auth, authPath), "schemes", authPath);
            if (schemes.isEmpty()) {
                throw A2aException.invalid(authPath + ".schemes", "needs at least one scheme");
            }
            authentication = new TaskPushNotificationConfig.Authentication(schemes.get(0),
                    emptyToNull(read.text(auth, "credentials", authPath)));
        }
        return new TaskPushNotificationConfig(null, emptyToNull(read.text(config, "id", path)), taskId,
                read.requiredText(config, "url", path), emptyToNull(read.text(config, "token", path)), authentication);
    }

    private List<Part> parts(JsonNode node, String field, String path) {
        return read.list(node, field, path, this::readPart);
    }

    private static Role role(JsonNode value, String path) {
        if (value != null && value.isIntegralNumber()) {
            if (value.intValue() == 1) {
                return Role.USER;
            }
            if (value.intValue() == 2) {
                return Role.AGENT;
            }
        } else if (value != null && value.isTextual()) {
            if (value.textValue().equals("ROLE_USER")) {
                return Role.USER;
            }
            if (value.textValue().equals("ROLE_AGENT")) {
                return Role.AGENT;
            }
        }
        throw A2aException.invalid(path, "must be ROLE_USER or ROLE_AGENT" + (value == null ? "" : ", got " + value));
    }

    private static JsonNode field(JsonNode node, String name, String alternative) {
        JsonNode value = node.get(name);
        return value != null ? value : node.get(alternative);
    }

    private String text(JsonNode node, String name, String alternative, String path) {
        return node.has(name) || !node.has(alternative) ? read.text(node, name, path) : read.text(node, alternative, path);
    }

    private String requiredText(JsonNode node, String name, String alternative, String path) {
        return node.has(name) || !node.has(alternative) ? read.requiredText(node, name, path)
                : read.requiredText(node, alternative, path);
    }

    private boolean bool(JsonNode node, String name, String alternative, String path) {
        return node.has(name) || !node.has(alternative) ? read.bool(node, name, path) : read.bool(node, alternative, path);
    }

    private Integer integer(JsonNode node, String name, String alternative, String path) {
        return node.has(name) || !node.has(alternative) ? read.integer(node, name, path, 0, Integer.MAX_VALUE)
                : read.integer(node, alternative, path, 0, Integer.MAX_VALUE);
    }

    private List<String> strings(JsonNode node, String name, String alternative, String path) {
        return node.has(name) || !node.has(alternative) ? read.strings(node, name, path)
                : read.strings(node, alternative, path);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant timestamp(String value, String path) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw A2aException.invalid(path, "must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z");
        }
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /**
     * A 0.3 {@code SendMessageRequest}. The configuration is always written, with {@code "blocking":true} unless
     * the caller asked to return immediately (then it is left out, its proto3 default).
     */
    public ObjectNode sendMessageRequest(SendMessageRequest request) {
        ObjectNode node = nodes.objectNode();
        node.set("message", message(request.message()));
        SendMessageRequest.Configuration configuration = request.configuration();
        ObjectNode config = node.putObject("configuration");
        if (!configuration.acceptedOutputModes().isEmpty()) {
            config.set("acceptedOutputModes", json.mapper().valueToTree(configuration.acceptedOutputModes()));
        }
        if (configuration.pushNotificationConfig() != null) {
            config.set("pushNotification", pushNotificationConfig(configuration.pushNotificationConfig()));
        }
        if (configuration.historyLength() != null) {
            config.put("historyLength", configuration.historyLength());
        }
        if (!configuration.returnImmediately()) {
            config.put("blocking", true);
        }
        putMap(node, "metadata", request.metadata());
        return node;
    }

    /** A {@code SendMessageResponse}: {@code {"task":…}} or {@code {"message":…}}. */
    public ObjectNode sendMessageResponse(StreamEvent event) {
        if (!(event instanceof Task) && !(event instanceof Message)) {
            throw new IllegalArgumentException("a SendMessageResponse holds a task or a message, not " + event);
        }
        return streamResponse(event);
    }

    /** A {@code StreamResponse}: {@code {"task"}}, {@code {"message"}}, {@code {"statusUpdate"}} or {@code {"artifactUpdate"}}. */
    public ObjectNode streamResponse(StreamEvent event) {
        ObjectNode wrapper = nodes.objectNode();
        if (event instanceof Task task) {
            wrapper.set("task", task(task));
        } else if (event instanceof Message message) {
            wrapper.set("message", message(message));
        } else if (event instanceof TaskStatusUpdateEvent update) {
            ObjectNode node = wrapper.putObject("statusUpdate");
            node.put("taskId", update.taskId());
            putText(node, "contextId", update.contextId());
            node.set("status", status(update.status()));
            TaskState state = update.status().state();
            if (state.isTerminal() || state.isInterrupted()) {
                node.put("final", true);
            }
            putMap(node, "metadata", update.metadata());
        } else if (event instanceof TaskArtifactUpdateEvent update) {
            ObjectNode node = wrapper.putObject("artifactUpdate");
            node.put("taskId", update.taskId());
            putText(node, "contextId", update.contextId());
            node.set("artifact", artifact(update.artifact()));
            if (update.append()) {
                node.put("append", true);
            }
            if (update.lastChunk()) {
                node.put("lastChunk", true);
            }
            putMap(node, "metadata", update.metadata());
        }
        return wrapper;
    }

    public ObjectNode task(Task task) {
        ObjectNode node = nodes.objectNode();
        node.put("id", task.id());
        putText(node, "contextId", task.contextId());
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

    public ObjectNode message(Message message) {
        ObjectNode node = nodes.objectNode();
        node.put("messageId", message.messageId());
        putText(node, "contextId", message.contextId());
        putText(node, "taskId", message.taskId());
        node.put("role", message.role() == Role.AGENT ? "ROLE_AGENT" : "ROLE_USER");
        ArrayNode content = node.putArray("content");
        message.parts().forEach(part -> content.add(part(part)));
        putMap(node, "metadata", message.metadata());
        if (!message.extensions().isEmpty()) {
            node.set("extensions", json.mapper().valueToTree(message.extensions()));
        }
        return node;
    }

    public ObjectNode part(Part part) {
        ObjectNode node = nodes.objectNode();
        if (part instanceof Part.Text text) {
            node.put("text", text.text());
        } else if (part instanceof Part.Data data) {
            JsonNode value = json.mapper().valueToTree(data.data());
            ObjectNode struct = node.putObject("data");
            if (value.isObject()) {
                struct.set("data", value);
            } else {
                struct.putObject("data").set("value", value);
            }
        } else {
            ObjectNode file = node.putObject("file");
            if (part instanceof Part.Raw raw) {
                file.put("fileWithBytes", Base64.getEncoder().encodeToString(raw.raw()));
            } else {
                file.put("fileWithUri", ((Part.Url) part).url());
            }
            putText(file, "mimeType", part.mediaType());
        }
        return node;
    }

    public ObjectNode artifact(Artifact artifact) {
        ObjectNode node = nodes.objectNode();
        node.put("artifactId", artifact.artifactId());
        putText(node, "name", artifact.name());
        putText(node, "description", artifact.description());
        ArrayNode parts = node.putArray("parts");
        artifact.parts().forEach(part -> parts.add(part(part)));
        putMap(node, "metadata", artifact.metadata());
        if (!artifact.extensions().isEmpty()) {
            node.set("extensions", json.mapper().valueToTree(artifact.extensions()));
        }
        return node;
    }

    /** A 0.3 {@code TaskPushNotificationConfig}: {@code {"name", "pushNotificationConfig"}}. */
    public ObjectNode pushConfig(TaskPushNotificationConfig config) {
        ObjectNode node = nodes.objectNode();
        node.put("name", configName(config.taskId(), config.id()));
        node.set("pushNotificationConfig", pushNotificationConfig(config));
        return node;
    }

    /** A {@code ListTaskPushNotificationConfigResponse}: {@code {"configs":[…]}} (one page, no token). */
    public ObjectNode pushConfigs(List<TaskPushNotificationConfig> configs) {
        ObjectNode node = nodes.objectNode();
        ArrayNode array = node.putArray("configs");
        configs.forEach(config -> array.add(pushConfig(config)));
        return node;
    }

    /** The 0.3 HTTP+JSON error body: {@code {"code":-32001,"message":"…"}}, with the details as {@code data}. */
    public ObjectNode error(A2aException error) {
        ObjectNode node = nodes.objectNode();
        node.put("code", error.error().code());
        node.put("message", error.getMessage());
        if (!error.details().isEmpty()) {
            ObjectNode data = node.putObject("data");
            error.details().forEach(data::put);
        }
        return node;
    }

    private ObjectNode pushNotificationConfig(TaskPushNotificationConfig config) {
        ObjectNode push = nodes.objectNode();
        putText(push, "id", config.id());
        push.put("url", config.url());
        putText(push, "token", config.token());
        if (config.authentication() != null) {
            ObjectNode authentication = push.putObject("authentication");
            authentication.putArray("schemes").add(config.authentication().scheme());
            putText(authentication, "credentials", config.authentication().credentials());
        }
        return push;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private void putMap(ObjectNode node, String field, Map<String, Object> value) {
        if (!value.isEmpty()) {
            node.set(field, json.mapper().valueToTree(value));
        }
    }
}
