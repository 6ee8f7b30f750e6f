package io.agentx.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
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

    private static final int MAX_KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<EncodingBuffer> BUFFERS = ThreadLocal.withInitial(EncodingBuffer::new);

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
        EncodingBuffer json = encode(task);
        OffHeapLog target = log;
        synchronized (target) {
            long position = target.append(key, json.bytes(), json.size(), (evicted, at) -> tasks.computeIfPresent(evicted,
                    (k, entry) -> entry.position() == at ? null : entry));
            tasks.put(key, new Entry(tenant, task.contextId(), task.status().state(), task.status().timestamp(), position));
        }
        if (json.bytes().length > MAX_KEPT_BUFFER) {
            BUFFERS.remove(); // an unusually large task: do not keep its buffer for the thread's lifetime
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

    /** Encodes into this thread's reusable buffer: storing a task leaves no garbage but its index entry. */
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
