package io.agentx.api;

import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The A2A operations, independent of any binding. Transports (JSON-RPC, HTTP+JSON, gRPC) decode a request,
 * call one of these and encode the answer. Failures are {@link io.agentx.a2a.model.A2aException}s.
 */
@ProviderType
public interface A2aService {

    /** The ids of the agents that can be called, sorted. */
    List<String> agentIds();

    /** The card of an agent as the agent declares it (before transports add their interfaces). */
    Optional<AgentCard> card(String agentId);

    /**
     * Sends a message. Unless the request asks to return immediately, waits until the task is terminal or
     * interrupted (bounded by the server's timeout). Returns the task, or the agent's direct reply message.
     */
    StreamEvent send(RequestContext context, String agentId, SendMessageRequest request);

    /**
     * The same as {@link #send} without blocking the caller: the stage completes with what {@code send} would
     * return, or exceptionally with its {@link io.agentx.a2a.model.A2aException}. Transports use it so that no
     * thread waits for a task an agent works on elsewhere (a plugin process, a remote agent).
     */
    default CompletionStage<StreamEvent> sendAsync(RequestContext context, String agentId, SendMessageRequest request) {
        try {
            return CompletableFuture.completedFuture(send(context, agentId, request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a message and streams what happens: the task first, then its updates until it ends or waits. */
    EventStream stream(RequestContext context, String agentId, SendMessageRequest request);

    /** A task, with at most {@code historyLength} history messages ({@code null}: all). */
    Task get(RequestContext context, String agentId, String taskId, Integer historyLength);

    /** Tasks of the caller's tenant. */
    ListTasksResponse list(RequestContext context, String agentId, ListTasksRequest request);

    /** Asks the agent to cancel a task; returns the task as it stands after the request. */
    Task cancel(RequestContext context, String agentId, String taskId);

    /** Follows a task that is not yet terminal: its current state first, then its updates. */
    EventStream subscribe(RequestContext context, String agentId, String taskId);

    /** Whether push notifications are offered (cards then declare {@code capabilities.pushNotifications}). */
    boolean pushNotifications();

    /**
     * Registers where to push a task's updates; the server assigns an id if the config has none.
     *
     * @throws io.agentx.a2a.model.A2aException INVALID_PARAMS for a destination that is not allowed
     */
    TaskPushNotificationConfig createPushConfig(RequestContext context, String agentId, TaskPushNotificationConfig config);

    /** One push configuration of a task. */
    TaskPushNotificationConfig getPushConfig(RequestContext context, String agentId, String taskId, String configId);

    /** The push configurations of a task. */
    List<TaskPushNotificationConfig> listPushConfigs(RequestContext context, String agentId, String taskId);

    /** Removes a push configuration; removing one that does not exist is not an error. */
    void deletePushConfig(RequestContext context, String agentId, String taskId, String configId);
}
