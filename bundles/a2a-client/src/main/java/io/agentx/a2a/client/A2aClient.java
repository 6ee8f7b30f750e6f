package io.agentx.a2a.client;

import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls one remote agent at one interface (URL, protocol binding and A2A version). Thread-safe: share one client
 * per agent. Obtain it from {@link A2aClients}.
 *
 * <p>Every operation throws {@link io.agentx.a2a.model.A2aException} when the agent answers with an A2A error
 * (its {@link io.agentx.a2a.model.A2aException#error() error} tells which, e.g. {@code TASK_NOT_FOUND}), and
 * {@link A2aClientException} when the agent could not be reached or its answer not understood.
 */
@ProviderType
public interface A2aClient {

    /** The interface this client calls: its URL, binding ({@code JSONRPC} or {@code HTTP+JSON}) and version. */
    AgentInterface agentInterface();

    /** The card the interface was chosen from; empty when the client was created for an interface directly. */
    Optional<AgentCard> card();

    /**
     * Sends a message and waits for the answer: by default until the task finishes or needs input, unless the
     * request's configuration asks to return immediately. The interface's tenant is used when the request has
     * none.
     *
     * @return the {@link Task} the message started or continued, or the agent's direct {@link Message}
     */
    StreamEvent sendMessage(SendMessageRequest request);

    /**
     * Sends a message like {@link #sendMessage(SendMessageRequest)} without holding a thread while the agent works:
     * the answer completes on the client's I/O thread that read it, or fails with an
     * {@link io.agentx.a2a.model.A2aException} (the agent's error) or an {@link A2aClientException} (the request
     * timeout included). That thread reads the answers of other calls too: what runs on completion must not block
     * (no synchronous call through this client, no waiting); hand blocking work to an executor.
     *
     * @throws io.agentx.a2a.model.A2aException at once, if the request itself is invalid
     */
    CompletableFuture<StreamEvent> sendMessageAsync(SendMessageRequest request);

    /** Sends a message with the default configuration; see {@link #sendMessage(SendMessageRequest)}. */
    default StreamEvent sendMessage(Message message) {
        return sendMessage(new SendMessageRequest(null, message, null, null));
    }

    /**
     * Sends a message and streams the answer: a {@link Message}, or the {@link Task} followed by its status and
     * artifact updates until the agent ends the stream. Close the stream when done with it.
     */
    A2aEventStream sendStreamingMessage(SendMessageRequest request);

    /**
     * Streams the updates of a running task: its current {@link Task} first, then its status and artifact
     * updates until the agent ends the stream (normally when the task finishes). Close the stream when done.
     */
    A2aEventStream subscribeToTask(String taskId);

    /**
     * A task as it stands.
     *
     * @param historyLength how many of the latest history messages to include; {@code null} for the agent's
     *        default, 0 for none
     */
    Task getTask(String taskId, Integer historyLength);

    /**
     * One page of the tasks the caller may see, newest first.
     *
     * @throws UnsupportedOperationException on an A2A 0.3 interface, which has no way to list tasks
     */
    ListTasksResponse listTasks(ListTasksRequest request);

    /** Asks the agent to cancel a task; returns the task as it stands afterwards, normally {@code CANCELED}. */
    Task cancelTask(String taskId);

    /** Registers a push notification configuration for {@code config.taskId()}; returns it with its id. */
    TaskPushNotificationConfig createPushConfig(TaskPushNotificationConfig config);

    /** One push notification configuration of a task. */
    TaskPushNotificationConfig getPushConfig(String taskId, String configId);

    /** All push notification configurations of a task (every page). */
    List<TaskPushNotificationConfig> listPushConfigs(String taskId);

    /** Removes a push notification configuration of a task. */
    void deletePushConfig(String taskId, String configId);
}
