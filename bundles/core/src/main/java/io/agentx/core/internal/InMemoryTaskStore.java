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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Tasks in memory, the default store until a durable one is installed (which outranks it). Bounded: when more
 * than {@code maxTasks} are kept, the oldest finished tasks are evicted, so memory stays flat under load. Each
 * task is kept as its JSON bytes plus the fields ListTasks filters on: one compact array per task instead of
 * an object graph keeps garbage collection cheap under load.
 */
@Component(service = TaskStore.class, configurationPid = "io.agentx.core.memorystore",
        property = "service.ranking:Integer=-100")
@Designate(ocd = InMemoryTaskStoreConfig.class)
public final class InMemoryTaskStore implements TaskStore {
    /** Tasks still running are skipped; give up after this many per save and catch up on the next. */
    private static final int EVICTION_ATTEMPTS = 64;

    private record Entry(String tenant, String contextId, TaskState state, Instant timestamp, long sequence,
            byte[] json) {
    }

    private final A2aJson codec = new A2aJson();
    private final Map<String, Entry> tasks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> insertionOrder = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int maxTasks;

    @Activate
    public InMemoryTaskStore(InMemoryTaskStoreConfig config) {
        modified(config);
    }

    @Modified
    void modified(InMemoryTaskStoreConfig config) {
        this.maxTasks = config.maxTasks();
    }

    @Override
    public void save(String tenant, Task task) {
        String key = key(tenant, task.id());
        Entry entry = new Entry(tenant, task.contextId(), task.status().state(), task.status().timestamp(),
                sequence.incrementAndGet(), encode(task));
        if (tasks.put(key, entry) == null) {
            insertionOrder.add(key);
            evictBeyondLimit();
        }
    }

    @Override
    public void delete(String tenant, String taskId) {
        tasks.remove(key(tenant, taskId));
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        Entry entry = tasks.get(key(tenant, taskId));
        return entry == null ? Optional.empty() : Optional.of(decode(entry));
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
        matching.sort(Comparator.comparingLong(Entry::sequence).reversed());
        return Pages.of(matching, request, this::decode);
    }

    private void evictBeyondLimit() {
        int attempts = EVICTION_ATTEMPTS;
        while (tasks.size() > maxTasks && attempts-- > 0) {
            String oldest = insertionOrder.poll();
            if (oldest == null) {
                return;
            }
            Entry entry = tasks.get(oldest);
            if (entry != null && !entry.state().isTerminal()) {
                insertionOrder.add(oldest); // still running: keep it, look further
            } else {
                tasks.remove(oldest);
            }
        }
    }

    private byte[] encode(Task task) {
        try {
            return codec.taskBytes(task);
        } catch (IllegalStateException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "cannot store task " + task.id() + ": " + e.getMessage());
        }
    }

    private Task decode(Entry entry) {
        try {
            return codec.readTask(codec.mapper().readTree(entry.json()), "task");
        } catch (IOException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "a stored task cannot be read: " + e.getMessage());
        }
    }

    private static String key(String tenant, String taskId) {
        return tenant == null ? taskId : tenant + '\u0000' + taskId;
    }
}
