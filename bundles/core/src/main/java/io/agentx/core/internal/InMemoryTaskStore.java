package io.agentx.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Tasks in memory, the default store until a durable one is installed (which outranks it). Each task is kept as
 * its JSON bytes in an off-heap ring ({@link OffHeapLog}) of {@code maxMegabytes}; when it is full the oldest
 * records make room, so memory stays flat under load. The fields ListTasks filters on are stored beside each
 * task ({@link TaskSummary}) and the index is two primitive arrays: under load, the heap holds no object per
 * task, so young collections have almost nothing to copy.
 */
@Component(service = TaskStore.class, configurationPid = "io.agentx.core.memorystore",
        property = "service.ranking:Integer=-100")
@Designate(ocd = InMemoryTaskStoreConfig.class)
public final class InMemoryTaskStore implements TaskStore {
    private static final int MAX_KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<EncodingBuffer> BUFFERS = ThreadLocal.withInitial(EncodingBuffer::new);

    private final A2aJson codec = new A2aJson();
    private volatile OffHeapLog log;

    @Activate
    public InMemoryTaskStore(InMemoryTaskStoreConfig config) {
        this.log = new OffHeapLog(config.maxMegabytes() * 1024 * 1024, config.maxTasks());
    }

    @Modified
    void modified(InMemoryTaskStoreConfig config) {
        // a new size takes a new ring: the tasks stored so far are dropped, running ones live on in the task manager
        this.log = new OffHeapLog(config.maxMegabytes() * 1024 * 1024, config.maxTasks());
    }

    @Override
    public void save(String tenant, Task task) {
        save(tenant, task, null, List.of());
    }

    /** Keeps the agent given with the task, else the one kept with it before (events: this store keeps none). */
    @Override
    public void save(String tenant, Task task, String agentId, List<StoredEvent> events) {
        String key = key(tenant, task.id());
        String agent = agentId != null ? agentId : agentOf(log.summary(key));
        EncodingBuffer json = encode(task);
        log.append(key, TaskSummary.of(tenant, task, agent).encode(), json.bytes(), json.size());
        if (json.bytes().length > MAX_KEPT_BUFFER) {
            BUFFERS.remove(); // an unusually large task: do not keep its buffer for the thread's lifetime
        }
    }

    @Override
    public void delete(String tenant, String taskId) {
        log.remove(key(tenant, taskId));
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        return Optional.ofNullable(decode(log.read(key(tenant, taskId))));
    }

    @Override
    public Optional<StoredTask> findStored(String tenant, String taskId) {
        String key = key(tenant, taskId);
        OffHeapLog current = log;
        byte[] summary = current.summary(key);
        return Optional.ofNullable(decode(current.read(key)))
                .map(task -> new StoredTask(tenant, task, agentOf(summary)));
    }

    @Override
    public ListTasksResponse list(String tenant, ListTasksRequest request) {
        return list(tenant, null, request);
    }

    @Override
    public ListTasksResponse list(String tenant, String agentId, ListTasksRequest request) {
        String wanted = tenant == null ? "" : tenant;
        OffHeapLog current = log;
        List<Long> matching = new ArrayList<>();
        current.forEachNewestFirst((position, summary) -> {
            if (TaskSummary.decode(summary).matches(wanted, agentId, request)) {
                matching.add(position);
            }
        });
        return Pages.of(matching, request, position -> decode(current.read(position)));
    }

    /** Encodes into this thread's reusable buffer: storing a task leaves no long-lived garbage. */
    private EncodingBuffer encode(Task task) {
        EncodingBuffer buffer = BUFFERS.get();
        buffer.reset();
        try (JsonGenerator generator = codec.mapper().getFactory().createGenerator(buffer)) {
            codec.writeTask(generator, task);
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store task " + task.id() + ": " + e.getMessage());
        }
        return buffer;
    }

    /** A byte stream whose array can be read without copying. */
    private static final class EncodingBuffer extends java.io.ByteArrayOutputStream {
        EncodingBuffer() {
            super(2048);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** The stored task, or {@code null} if its record was overwritten meanwhile. */
    private Task decode(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return codec.readTask(codec.mapper().readTree(json), "task");
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored task cannot be read: " + e.getMessage());
        }
    }

    private static String agentOf(byte[] summary) {
        return summary == null ? null : TaskSummary.decode(summary).agentId();
    }

    private static String key(String tenant, String taskId) {
        return tenant == null ? taskId : tenant + '\u0000' + taskId;
    }
}
