package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A2A 1.0 over JSON-RPC: {@code SendMessage}, {@code GetTask}… with ProtoJSON params and results. */
final class JsonRpcClient implements A2aClient {
    private final AgentInterface agentInterface;
    private final AgentCard card;
    private final JsonRpcChannel rpc;
    private final A2aJson json;

    JsonRpcClient(AgentInterface agentInterface, AgentCard card, JsonRpcChannel rpc, A2aJson json) {
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
        return rpc.call("SendMessage", json.sendMessageRequest(Requests.withTenant(request, agentInterface.tenant())),
                (result, path) -> Requests.taskOrMessage(json.readStreamResponse(result, path), path));
    }

    @Override
    public CompletableFuture<StreamEvent> sendMessageAsync(SendMessageRequest request) {
        return rpc.callAsync("SendMessage", json.sendMessageRequest(Requests.withTenant(request, agentInterface.tenant())),
                (result, path) -> Requests.taskOrMessage(json.readStreamResponse(result, path), path));
    }

    @Override
    public A2aEventStream sendStreamingMessage(SendMessageRequest request) {
        return rpc.stream("SendStreamingMessage",
                json.sendMessageRequest(Requests.withTenant(request, agentInterface.tenant())), json::readStreamResponse);
    }

    @Override
    public A2aEventStream subscribeToTask(String taskId) {
        return rpc.stream("SubscribeToTask", taskParams(taskId), json::readStreamResponse);
    }

    @Override
    public Task getTask(String taskId, Integer historyLength) {
        ObjectNode params = taskParams(taskId);
        if (Requests.historyLength(historyLength) != null) {
            params.put("historyLength", historyLength);
        }
        return rpc.call("GetTask", params, json::readTask);
    }

    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        return rpc.call("ListTasks", json.listTasksRequest(Requests.withTenant(request, agentInterface.tenant())),
                json::readListTasksResponse);
    }

    @Override
    public Task cancelTask(String taskId) {
        return rpc.call("CancelTask", taskParams(taskId), json::readTask);
    }

    @Override
    public TaskPushNotificationConfig createPushConfig(TaskPushNotificationConfig config) {
        return rpc.call("CreateTaskPushNotificationConfig",
                json.taskPushConfig(Requests.withTenant(config, agentInterface.tenant())), json::readTaskPushConfig);
    }

    @Override
    public TaskPushNotificationConfig getPushConfig(String taskId, String configId) {
        return rpc.call("GetTaskPushNotificationConfig", configParams(taskId, configId), json::readTaskPushConfig);
    }

    @Override
    public List<TaskPushNotificationConfig> listPushConfigs(String taskId) {
        String task = Requests.id(taskId, "taskId");
        return PushConfigPage.collect(token -> {
            ObjectNode params = tenantParams();
            params.put("taskId", task);
            if (token != null) {
                params.put("pageToken", token);
            }
            return rpc.call("ListTaskPushNotificationConfigs", params, PushConfigPage.decoder(json));
        });
    }

    @Override
    public void deletePushConfig(String taskId, String configId) {
        rpc.call("DeleteTaskPushNotificationConfig", configParams(taskId, configId), (result, path) -> result);
    }

    private ObjectNode taskParams(String taskId) {
        ObjectNode params = tenantParams();
        params.put("id", Requests.id(taskId, "taskId"));
        return params;
    }

    private ObjectNode configParams(String taskId, String configId) {
        ObjectNode params = tenantParams();
        params.put("taskId", Requests.id(taskId, "taskId"));
        params.put("id", Requests.id(configId, "configId"));
        return params;
    }

    private ObjectNode tenantParams() {
        ObjectNode params = json.mapper().createObjectNode();
        if (agentInterface.tenant() != null) {
            params.put("tenant", agentInterface.tenant());
        }
        return params;
    }
}
