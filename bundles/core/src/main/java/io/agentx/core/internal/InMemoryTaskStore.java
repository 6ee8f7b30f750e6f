package io.agentx.core.internal;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.api.TaskStore;
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
 * than {@code maxTasks} are kept, the oldest finished tasks are evicted, so memory stays flat under load.
 */
@Component(service = TaskStore.class, configurationPid = "io.agentx.core.memorystore",
        property = "service.ranking:Integer=-100")
@Designate(ocd = InMemoryTaskStoreConfig.class)
public final class InMemoryTaskStore implements TaskStore {

    /** Tasks still running are skipped; give up after this many per save and catch up on the next. */
    private static final int EVICTION_ATTEMPTS = 64;

    private record Entry(String tenant, Task task, long sequence) {
    }

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
        Entry previous = tasks.put(key, new Entry(tenant, task, sequence.incrementAndGet()));
        if (previous == null) {
            insertionOrder.add(key);
            evictBeyondLimit();
        }
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        Entry entry = tasks.get(key(tenant, taskId));
        return entry == null ? Optional.empty() : Optional.of(entry.task());
    }

    @Override
    public ListTasksResponse list(String tenant, ListTasksRequest request) {
        String wanted = tenant == null ? "" : tenant;
        Instant after = request.statusTimestampAfter();
        List<Entry> matching = new ArrayList<>();
        for (Entry entry : tasks.values()) {
            Task task = entry.task();
            if (!wanted.equals(entry.tenant() == null ? "" : entry.tenant())
                    || request.contextId() != null && !request.contextId().equals(task.contextId())
                    || request.status() != null && request.status() != task.status().state()
                    || after != null && (task.status().timestamp() == null || !task.status().timestamp().isAfter(after))) {
                continue;
            }
            matching.add(entry);
        }
        matching.sort(Comparator.comparingLong(Entry::sequence).reversed());
        return Pages.of(matching.stream().map(Entry::task).toList(), request);
    }

    private void evictBeyondLimit() {
        int attempts = EVICTION_ATTEMPTS;
        while (tasks.size() > maxTasks && attempts-- > 0) {
            String oldest = insertionOrder.poll();
            if (oldest == null) {
                return;
            }
            Entry entry = tasks.get(oldest);
            if (entry != null && !entry.task().status().state().isTerminal()) {
                insertionOrder.add(oldest); // still running: keep it, look further
            } else {
                tasks.remove(oldest);
            }
        }
    }

    private static String key(String tenant, String taskId) {
        return tenant == null ? taskId : tenant + '\u0000' + taskId;
    }
}
