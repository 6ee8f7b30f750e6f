package io.agentx.api;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/** Where tasks are kept. Implementations are thread-safe; the highest-ranked store service is used. */
@ConsumerType
public interface TaskStore {

    /** Inserts or replaces a task; returns once the write is durable (for durable stores). */
    void save(String tenant, Task task);

    /** Forgets a task (used when an agent answered with a message instead of a task). */
    void delete(String tenant, String taskId);

    /** The task with this id in this tenant ({@code null} tenant: the default one). */
    Optional<Task> find(String tenant, String taskId);

    /**
     * Tasks of a tenant matching the request's filters, most recently updated first, one page at a time.
     *
     * @throws io.agentx.a2a.model.A2aException with INVALID_PARAMS for a page token it did not issue
     */
    ListTasksResponse list(String tenant, ListTasksRequest request);
}
