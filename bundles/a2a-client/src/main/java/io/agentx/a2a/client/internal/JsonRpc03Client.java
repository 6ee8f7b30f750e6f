package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.json.A2aJson03;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A2A 0.3 over JSON-RPC: {@code message/send}, {@code tasks/get}… with {@code kind}-tagged shapes, mapped to
 * the 1.0 model. 0.3 has no tenants and no way to list tasks.
 */
final class JsonRpc03Client implements A2aClient {
    private final AgentInterface agentInterface;
    private final AgentCard card;
    private final JsonRpcChannel rpc;
    private final A2aJson03 json;

    JsonRpc03Client(AgentInterface agentInterface, AgentCard card, JsonRpcChannel rpc, A2aJson03 json) {
        this.agentInterface = agentInterface;
        this.card = card;
        this.rpc = rpc;
        this.json = json;
    }

    @Override
    public AgentInterface agentInterface() {
        return agentInterface;
    }

    @Override
    public Optional<AgentCard> card() {
        return Optional.ofNullable(card);
    }

    @Override
    public StreamEvent sendMessage(SendMessageRequest request) {
        return rpc.call("message/send", json.sendParams(Requests.checked(request)),
                (result, path) -> Requests.taskOrMessage(json.readEvent(result, path), path));
    }

    @Override
    public CompletableFuture<StreamEvent> sendMessageAsync(SendMessageRequest request) {
        return rpc.callAsync("message/send", json.sendParams(Requests.checked(request)),
                (result, path) -> Requests.taskOrMessage(json.readEvent(result, path), path));
    }

    @Override
    public A2aEventStream sendStreamingMessage(SendMessageRequest request) {
        return rpc.stream("message/stream", json.sendParams(Requests.checked(request)), json::readEvent);
    }

    @Override
    public A2aEventStream subscribeToTask(String taskId) {
        return rpc.stream("tasks/resubscribe", taskParams(taskId), json::readEvent);
    }

    @Override
    public Task getTask(String taskId, Integer historyLength) {
        ObjectNode params = taskParams(taskId);
        if (Requests.historyLength(historyLength) != null) {
            params.put("historyLength", historyLength);
        }
        return rpc.call("tasks/get", params, json::readTask);
    }

    /** @throws UnsupportedOperationException always: A2A 0.3 JSON-RPC has no method to list tasks */
    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        throw new UnsupportedOperationException("listing tasks is not part of A2A 0.3 JSON-RPC (" + agentInterface.url()
                + "); connect to an A2A 1.0 interface of the agent to list tasks");
    }

    @Override
    public Task cancelTask(String taskId) {
        return rpc.call("tasks/cancel", taskParams(taskId), json::readTask);
    }

    @Override
    public TaskPushNotificationConfig createPushConfig(TaskPushNotificationConfig config) {
        return rpc.call("tasks/pushNotificationConfig/set", json.pushConfig(Requests.checked(config)), json::readPushConfig);
    }

    @Override
    public TaskPushNotificationConfig getPushConfig(String taskId, String configId) {
        return rpc.call("tasks/pushNotificationConfig/get", configParams(taskId, configId), json::readPushConfig);
    }

    @Override
    public List<TaskPushNotificationConfig> listPushConfigs(String taskId) {
        return rpc.call("tasks/pushNotificationConfig/list", taskParams(taskId), (result, path) -> {
            if (!result.isArray()) {
                throw A2aException.invalid(path, "must be a list of push notification configs");
            }
            List<TaskPushNotificationConfig> configs = new ArrayList<>();
            for (int i = 0; i < result.size(); i++) {
                configs.add(json.readPushConfig(result.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(configs);
        });
    }

    @Override
    public void deletePushConfig(String taskId, String configId) {
        rpc.call("tasks/pushNotificationConfig/delete", configParams(taskId, configId), (result, path) -> result);
    }

    private ObjectNode taskParams(String taskId) {
        ObjectNode params = rpc.mapper().createObjectNode();
        params.put("id", Requests.id(taskId, "taskId"));
        return params;
    }

    private ObjectNode configParams(String taskId, String configId) {
        ObjectNode params = taskParams(taskId);
        params.put("pushNotificationConfigId", Requests.id(configId, "configId"));
        return params;
    }
}
