package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.json.A2aProtoJson03;
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

/**
 * A2A 0.3 over HTTP+JSON: the {@code google.api.http} routes of the v0.3.0 proto below the interface URL
 * ({@code POST v1/message:send}, {@code GET v1/tasks/{id}}, {@code GET v1/tasks/{id}:subscribe}…) with ProtoJSON
 * bodies, mapped to the 1.0 model. 0.3 has no tenants and no way to list tasks.
 */
final class Rest03Client implements A2aClient {
    private final AgentInterface agentInterface;
    private final AgentCard card;
    private final RestChannel rest;
    private final RestUrls urls;
    private final A2aProtoJson03 proto;

    Rest03Client(AgentInterface agentInterface, AgentCard card, RestChannel rest, A2aProtoJson03 proto) {
        this.agentInterface = agentInterface;
        this.card = card;
        this.rest = rest;
        this.urls = new RestUrls(agentInterface.url(), null);
        this.proto = proto;
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
        return rest.post(urls.route("v1/message:send"), proto.sendMessageRequest(Requests.checked(request)),
                proto::readSendMessageResponse);
    }

    @Override
    public CompletableFuture<StreamEvent> sendMessageAsync(SendMessageRequest request) {
        return rest.postAsync(urls.route("v1/message:send"), proto.sendMessageRequest(Requests.checked(request)),
                proto::readSendMessageResponse);
    }

    @Override
    public A2aEventStream sendStreamingMessage(SendMessageRequest request) {
        return rest.streamPost(urls.route("v1/message:stream"), proto.sendMessageRequest(Requests.checked(request)),
                proto::readStreamResponse);
    }

    @Override
    public A2aEventStream subscribeToTask(String taskId) {
        return rest.streamGet(urls.route(task(taskId) + ":subscribe"), proto::readStreamResponse);
    }

    @Override
    public Task getTask(String taskId, Integer historyLength) {
        ObjectNode query = proto.json().mapper().createObjectNode();
        if (Requests.historyLength(historyLength) != null) {
            query.put("historyLength", historyLength);
        }
        return rest.get(urls.route(task(taskId), query), proto::readTask);
    }

    /** @throws UnsupportedOperationException always: the A2A 0.3 HTTP+JSON binding has no route to list tasks */
    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        throw new UnsupportedOperationException("listing tasks is not part of A2A 0.3 HTTP+JSON (" + agentInterface.url()
                + "); connect to an A2A 1.0 interface of the agent to list tasks");
    }

    @Override
    public Task cancelTask(String taskId) {
        return rest.post(urls.route(task(taskId) + ":cancel"), proto.json().mapper().createObjectNode(), proto::readTask);
    }

    @Override
    public TaskPushNotificationConfig createPushConfig(TaskPushNotificationConfig config) {
        TaskPushNotificationConfig checked = Requests.checked(config);
        String taskId = Requests.id(checked.taskId(), "config.taskId");
        return rest.post(urls.route(configs(taskId)), proto.pushConfig(checked),
                (body, path) -> proto.readPushConfig(body, path, taskId));
    }

    @Override
    public TaskPushNotificationConfig getPushConfig(String taskId, String configId) {
        return rest.get(urls.route(config(taskId, configId)), (body, path) -> proto.readPushConfig(body, path, taskId));
    }

    @Override
    public List<TaskPushNotificationConfig> listPushConfigs(String taskId) {
        String route = configs(taskId);
        return PushConfigPage.collect(token -> {
            ObjectNode query = proto.json().mapper().createObjectNode();
            if (token != null) {
                query.put("pageToken", token);
            }
            return rest.get(urls.route(route, query), (body, path) -> {
                String next = proto.readNextPageToken(body, path);
                return new PushConfigPage(proto.readPushConfigs(body, path), next == null ? "" : next);
            });
        });
    }

    @Override
    public void deletePushConfig(String taskId, String configId) {
        rest.delete(urls.route(config(taskId, configId)));
    }

    private static String task(String taskId) {
        return "v1/tasks/" + RestUrls.segment(Requests.id(taskId, "taskId"));
    }

    private static String configs(String taskId) {
        return task(taskId) + "/pushNotificationConfigs";
    }

    private static String config(String taskId, String configId) {
        return configs(taskId) + "/" + RestUrls.segment(Requests.id(configId, "configId"));
    }
}
