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

/** A2A 1.0 over HTTP+JSON: {@code POST message:send}, {@code GET tasks/{id}}… below the interface URL. */
final class RestClient implements A2aClient {
    private final AgentInterface agentInterface;
    private final AgentCard card;
    private final RestChannel rest;
    private final RestUrls urls;
    private final A2aJson json;

    RestClient(AgentInterface agentInterface, AgentCard card, RestChannel rest, A2aJson json) {
        this.agentInterface = agentInterface;
        this.card = card;
        this.rest = rest;
        this.urls = new RestUrls(agentInterface.url(), agentInterface.tenant());
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
        return rest.post(urls(request).route("message:send"), json.sendMessageRequest(request),
                (body, path) -> Requests.taskOrMessage(json.readStreamResponse(body, path), path));
    }

    @Override
    public CompletableFuture<StreamEvent> sendMessageAsync(SendMessageRequest request) {
        return rest.postAsync(urls(request).route("message:send"), json.sendMessageRequest(request),
                (body, path) -> Requests.taskOrMessage(json.readStreamResponse(body, path), path));
    }

    @Override
    public A2aEventStream sendStreamingMessage(SendMessageRequest request) {
        return rest.streamPost(urls(request).route("message:stream"), json.sendMessageRequest(request),
                json::readStreamResponse);
    }

    @Override
    public A2aEventStream subscribeToTask(String taskId) {
        return rest.streamGet(urls.route(task(taskId) + ":subscribe"), json::readStreamResponse);
    }

    @Override
    public Task getTask(String taskId, Integer historyLength) {
        ObjectNode query = json.mapper().createObjectNode();
        if (Requests.historyLength(historyLength) != null) {
            query.put("historyLength", historyLength);
        }
        return rest.get(urls.route(task(taskId), query), json::readTask);
    }

    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        return rest.get(urls.forTenant(Requests.checked(request).tenant())
                .route("tasks", json.listTasksRequest(request)),
                json::readListTasksResponse);
    }

    @Override
    public Task cancelTask(String taskId) {
        return rest.post(urls.route(task(taskId) + ":cancel"), json.mapper().createObjectNode(), json::readTask);
    }

    @Override
    public TaskPushNotificationConfig createPushConfig(TaskPushNotificationConfig config) {
        TaskPushNotificationConfig checked = Requests.checked(config);
        return rest.post(urls.forTenant(checked.tenant()).route(configs(checked.taskId())), json.taskPushConfig(checked),
                json::readTaskPushConfig);
    }

    @Override
    public TaskPushNotificationConfig getPushConfig(String taskId, String configId) {
        return rest.get(urls.route(config(taskId, configId)), json::readTaskPushConfig);
    }

    @Override
    public List<TaskPushNotificationConfig> listPushConfigs(String taskId) {
        String route = configs(taskId);
        return PushConfigPage.collect(token -> {
            ObjectNode query = json.mapper().createObjectNode();
            if (token != null) {
                query.put("pageToken", token);
            }
            return rest.get(urls.route(route, query), PushConfigPage.decoder(json));
        });
    }

    @Override
    public void deletePushConfig(String taskId, String configId) {
        rest.delete(urls.route(config(taskId, configId)));
    }

    private RestUrls urls(SendMessageRequest request) {
        return urls.forTenant(Requests.checked(request).tenant());
    }

    private static String task(String taskId) {
        return "tasks/" + RestUrls.segment(Requests.id(taskId, "taskId"));
    }

    private static String configs(String taskId) {
        return task(taskId) + "/pushNotificationConfigs";
    }

    private static String config(String taskId, String configId) {
        return configs(taskId) + "/" + RestUrls.segment(Requests.id(configId, "configId"));
    }
}
