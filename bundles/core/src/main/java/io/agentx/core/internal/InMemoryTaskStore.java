package io.agentx.core.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.TaskStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Tasks in memory, the default store until a durable one is installed (which outranks it). Each task is kept as
 * its JSON bytes in an off-heap ring ({@link OffHeapLog}) of {@code maxMegabytes}; when it is full the oldest
 * records make room, so memory stays flat under load. On the heap there is only a small index entry per task
 * with the fields ListTasks filters on: under load, young collections then have almost nothing to copy.
 */
@Component(service = TaskStore.class, configurationPid = "io.agentx.core.memorystore",
        property = "service.ranking:Integer=-100")
@Designate(ocd = InMemoryTaskStoreConfig.class)
public final class InMemoryTaskStore implements TaskStore {
    private record Entry(String tenant, String contextId, TaskState state, Instant timestamp, long position) {
    }

    private final A2aJson codec = new A2aJson();
    private final Map<String, Entry> tasks = new ConcurrentHashMap<>();
    private volatile OffHeapLog log;

    @Activate
    public InMemoryTaskStore(InMemoryTaskStoreConfig config) {
        this.log = new OffHeapLog(config.maxMegabytes() * 1024 * 1024, config.maxTasks());
    }

    @Modified
    void modified(InMemoryTaskStoreConfig config) {
        // a new size takes a new ring: the tasks stored so far are dropped, running ones live on in the task manager
        this.log = new OffHeapLog(config.maxMegabytes() * 1024 * 1024, config.maxTasks());
        tasks.clear();
    }

    @Override
    public void save(String tenant, Task task) {
        String key = key(tenant, task.id());
        byte[] json = encode(task);
        OffHeapLog target = log;
        synchronized (target) {
            long position = target.append(key, json, (evicted, at) -> tasks.computeIfPresent(evicted,
                    (k, entry) -> entry.position() == at ? null : entry));
            tasks.put(key, new Entry(tenant, task.contextId(), task.status().state(), task.status().timestamp(), position));
        }
    }

    @Override
    public void delete(String tenant, String taskId) {
        tasks.remove(key(tenant, taskId));
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        Entry entry = tasks.get(key(tenant, taskId));
        return entry == null ? Optional.empty() : Optional.ofNullable(decode(entry));
    }

    @Override
    public ListTasksResponse list(String tenant, ListTasksRequest request) {
        String wanted = tenant == null ? "" : tenant;
        Instant after = request.statusTimestampAfter();
        List<Entry> matching = new ArrayList<>();
        for (Entry entry : tasks.values()) {
            if (!wanted.equals(entry.tenant() == null ? "" : entry.tenant())
                    || request.contextId() != null && !request.contextId().equals(entry.contextId())
                    || request.status() != null && request.status() != entry.state()
                    || after != null && (entry.timestamp() == null || entry.timestamp().isBefore(after))) {
                continue;
            }
            matching.add(entry);
        }
        matching.sort(Comparator.comparingLong(Entry::position).reversed());
        return Pages.of(matching, request, this::decode);
    }

    private byte[] encode(Task task) {
        try {
            return codec.taskBytes(task);
        } catch (IllegalStateException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store task " + task.id() + ": " + e.getMessage());
        }
    }

    /** The stored task, or {@code null} if its record was overwritten meanwhile. */
    private Task decode(Entry entry) {
        byte[] json = log.read(entry.position());
        if (json == null) {
            return null;
        }
        try {
            return codec.readTask(codec.mapper().readTree(json), "task");
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored task cannot be read: " + e.getMessage());
        }
    }

    private static String key(String tenant, String taskId) {
        return tenant == null ? taskId : tenant + '\u0000' + taskId;
    }
}
