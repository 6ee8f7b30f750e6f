package io.agentx.api;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where tasks are kept. Implementations are thread-safe; the highest-ranked store service is used. A store
 * registered with the service property {@link #DURABLE}{@code =true} keeps what it acknowledged across restarts:
 * when it goes away (updated, restarted) the task manager waits for it instead of falling back to memory.
 */
@ConsumerType
public interface TaskStore {

    /** Service property marking a store whose writes survive a crash of the process. */
    String DURABLE = "agentx.store.durable";

    /** Inserts or replaces a task; returns once the write is durable (for durable stores). */
    void save(String tenant, Task task);

    /**
     * Saves the task as the events left it, with the agent working on it ({@code null} if not known yet), and
     * appends the events to the task's event log, in one durable write. A store that keeps no events just saves
     * the task.
     */
    default void save(String tenant, Task task, String agentId, List<StoredEvent> events) {
        save(tenant, task);
    }

    /**
     * The same write as {@link #save(String, Task, String, List)}, without holding the caller's thread: the stage
     * completes once the write is durable, or exceptionally with the store's error. A store that can commit in the
     * background (several writes sharing a commit) overrides this; by default the save is made before returning.
     */
    default CompletionStage<Void> saveAsync(String tenant, Task task, String agentId, List<StoredEvent> events) {
        return synchronously(() -> save(tenant, task, agentId, events));
    }

    /** A write made on the caller's thread, as a completed stage: the default of the asynchronous writes. */
    private static CompletionStage<Void> synchronously(Runnable write) {
        try {
            write.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Appends events without a new snapshot of the task (artifact chunks); durable when it returns. */
    default void append(String tenant, String taskId, List<StoredEvent> events) {
    }

    /** {@link #append} without holding the caller's thread, as {@link #saveAsync} is to its save. */
    default CompletionStage<Void> appendAsync(String tenant, String taskId, List<StoredEvent> events) {
        return synchronously(() -> append(tenant, taskId, events));
    }

    /** The task's events numbered above {@code after}, oldest first; empty for a store that keeps no events. */
    default List<StoredEvent> events(String tenant, String taskId, long after) {
        return List.of();
    }

    /** The number of the task's last stored event, 0 if it has none (or the store keeps none). */
    default long lastSequence(String tenant, String taskId) {
        return 0;
    }

    /**
     * Tasks stored as submitted or working, at most {@code limit}: after a restart these were in flight when the
     * process stopped. A store that keeps nothing across restarts returns none.
     */
    default List<StoredTask> unfinished(int limit) {
        return List.of();
    }

    /** Keeps a push configuration of a task (its tenant is the config's), replacing one with the same id. */
    default void savePushConfig(TaskPushNotificationConfig config) {
    }

    /** Forgets a push configuration and its pending deliveries. */
    default void deletePushConfig(String tenant, String taskId, String configId) {
    }

    /** The push configurations of tasks that are not finished, to restore after a restart. */
    default List<TaskPushNotificationConfig> pushConfigs() {
        return List.of();
    }

    /** Records that an event is still to be delivered to a push destination, before delivery is attempted. */
    default void pushPending(String tenant, String taskId, String configId, long sequence) {
    }

    /** Records that a delivery is over (delivered, or given up after its attempts). */
    default void pushDone(String tenant, String taskId, String configId, long sequence) {
    }

    /** The deliveries not done when AgentX last stopped, oldest first per destination. */
    default List<PendingPush> pendingPushes() {
        return List.of();
    }

    /** Forgets a task and its events (used when an agent answered with a message instead of a task). */
    void delete(String tenant, String taskId);

    /** {@link #delete} without holding the caller's thread, as {@link #saveAsync} is to its save. */
    default CompletionStage<Void> deleteAsync(String tenant, String taskId) {
        return synchronously(() -> delete(tenant, taskId));
    }

    /** The task with this id in this tenant ({@code null} tenant: the default one). */
    Optional<Task> find(String tenant, String taskId);

    /**
     * The task with this id in this tenant and the agent last working on it, as saved with it: an agent's
     * endpoint serves only its own tasks. A store that keeps no agent gives {@code null} for it.
     *
     * @since 2.2
     */
    default Optional<StoredTask> findStored(String tenant, String taskId) {
        return find(tenant, taskId).map(task -> new StoredTask(tenant, task, null));
    }

    /**
     * Tasks of a tenant matching the request's filters, most recently updated first, one page at a time.
     *
     * @throws io.agentx.a2a.model.A2aException with INVALID_PARAMS for a page token it did not issue
     */
    ListTasksResponse list(String tenant, ListTasksRequest request);

    /**
     * Tasks of a tenant that an agent worked on ({@code null}: every agent's, as {@link #list(String,
     * ListTasksRequest)}), matching the request's filters, most recently updated first, one page at a time.
     *
     * @throws io.agentx.a2a.model.A2aException UNSUPPORTED_OPERATION from a store that keeps no agent with its tasks
     * @since 2.2
     */
    default ListTasksResponse list(String tenant, String agentId, ListTasksRequest request) {
        if (agentId == null) {
            return list(tenant, request);
        }
        throw new io.agentx.a2a.model.A2aException(io.agentx.a2a.model.A2aError.UNSUPPORTED_OPERATION,
                "the task store in use keeps no agent with its tasks, so it cannot list agent '" + agentId
                        + "''s tasks; list them at the gateway");
    }
}
