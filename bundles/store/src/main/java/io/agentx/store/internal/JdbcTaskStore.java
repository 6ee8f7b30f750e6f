package io.agentx.store.internal;

import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.api.HealthCheck;
import io.agentx.api.PendingPush;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable task store: outranks the in-memory one, and every write returns only once committed (through
 * {@link GroupCommit}). The database is opened on first need and reopened after failures, so AgentX starts and
 * serves (with STORE_UNAVAILABLE errors) even while its database is down.
 */
@Component(service = {TaskStore.class, HealthCheck.class}, configurationPid = "io.agentx.store",
        property = {"service.ranking:Integer=100", TaskStore.DURABLE + ":Boolean=true"})
@Designate(ocd = StoreConfig.class)
public final class JdbcTaskStore implements TaskStore, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTaskStore.class);
    private static final long PROBE_SECONDS = 2;

    private Drivers drivers = new Drivers();
    private final Documents documents = new Documents();
    private final UpdateOrder order = new UpdateOrder();
    private Database database;
    private TaskQueries queries;
    private PushTables push;
    private GroupCommit writes;
    private Retention retention;
    private ScheduledExecutorService timer;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(DataSourceFactory factory, Map<String, Object> properties) {
        drivers.add(factory, properties);
    }

    void removeDriver(DataSourceFactory factory) {
        drivers.remove(factory);
    }

    /** Tests hand in the drivers directly. */
    void useDrivers(Drivers installed) {
        this.drivers = installed;
    }

    @Activate
    void activate(StoreConfig config, BundleContext context) {
        String url = config.url().isBlank() ? defaultUrl(context) : config.url().strip();
        database = new Database(url, drivers, config, this::schemaReady);
        queries = new TaskQueries(database, documents);
        push = new PushTables(database, documents);
        writes = new GroupCommit(database, config.maxBatch(), config.maxTaskBytes(), config.writeTimeoutMillis());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agentx-store-timer");
            thread.setDaemon(true);
            return thread;
        });
        retention = new Retention(database, Duration.ofHours(config.retentionHours()),
                Duration.ofSeconds(config.purgeIntervalSeconds()), timer);
        // health follows the database even without traffic: an outage shows, and so does its end
        timer.scheduleWithFixedDelay(this::probe, PROBE_SECONDS, PROBE_SECONDS, TimeUnit.SECONDS);
        try (Connection ignored = database.connect()) {
            LOG.info("Task store ready on {}", url);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Task store cannot reach its database {}: {}; AgentX serves, and requests needing the store fail "
                    + "with STORE_UNAVAILABLE until the database is reachable", url, e.getMessage());
        }
    }

    /** The embedded H2 file under the data folder; each commit is written to the file before it returns. */
    static String defaultUrl(BundleContext context) {
        String data = context.getProperty("agentx.data");
        Path folder = Path.of(data == null ? "data" : data).toAbsolutePath().resolve("store");
        return "jdbc:h2:file:" + folder.resolve("agentx") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private void schemaReady(Connection connection) throws SQLException {
        order.atLeast(queries.lastUpdateOrder(connection));
    }

    private void probe() {
        try (Connection ignored = database.connect()) {
            // reachable: connect() cleared the problem
        } catch (SQLException | RuntimeException e) {
            // connect() recorded the problem
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        writes.close();
        database.close();
    }

    @Override
    public String name() {
        return "task store";
    }

    /** Why the store cannot serve now (its database, and the last failure to reach it), or {@code null}. */
    @Override
    public String problem() {
        String problem = database.problem();
        return problem == null ? null : "cannot reach its database " + database.url() + ": " + problem;
    }

    @Override
    public void save(String tenant, Task task) {
        writes.write(Write.of(row(tenant, task, null), List.of(), null));
    }

    @Override
    public void save(String tenant, Task task, String agentId, List<StoredEvent> events) {
        writes.write(Write.of(row(tenant, task, agentId), eventRows(tenant, task.id(), events), null));
    }

    /** Queued for the next group commit without holding the caller's thread. */
    @Override
    public CompletionStage<Void> saveAsync(String tenant, Task task, String agentId, List<StoredEvent> events) {
        return inBackground(() -> Write.background(row(tenant, task, agentId), eventRows(tenant, task.id(), events), null));
    }

    @Override
    public CompletionStage<Void> appendAsync(String tenant, String taskId, List<StoredEvent> events) {
        return inBackground(() -> Write.background(null, eventRows(tenant, taskId, events), null));
    }

    @Override
    public CompletionStage<Void> deleteAsync(String tenant, String taskId) {
        return inBackground(() -> Write.background(null, List.of(), Write.Key.of(tenant, taskId)));
    }

    private CompletionStage<Void> inBackground(java.util.function.Supplier<Write> write) {
        try {
            return writes.writeAsync(write.get());
        } catch (RuntimeException e) { // e.g. a task that cannot be encoded
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void append(String tenant, String taskId, List<StoredEvent> events) {
        writes.write(Write.of(null, eventRows(tenant, taskId, events), null));
    }

    @Override
    public void delete(String tenant, String taskId) {
        writes.write(Write.of(null, List.of(), Write.Key.of(tenant, taskId)));
    }

    @Override
    public Optional<Task> find(String tenant, String taskId) {
        return queries.find(Write.Key.of(tenant, taskId));
    }

    @Override
    public Optional<StoredTask> findStored(String tenant, String taskId) {
        return queries.findStored(Write.Key.of(tenant, taskId));
    }

    @Override
    public ListTasksResponse list(String tenant, ListTasksRequest request) {
        return queries.list(tenant, null, request);
    }

    @Override
    public ListTasksResponse list(String tenant, String agentId, ListTasksRequest request) {
        return queries.list(tenant, agentId, request);
    }

    @Override
    public List<StoredEvent> events(String tenant, String taskId, long after) {
        return queries.events(Write.Key.of(tenant, taskId), after);
    }

    @Override
    public long lastSequence(String tenant, String taskId) {
        return queries.lastSequence(Write.Key.of(tenant, taskId));
    }

    @Override
    public List<StoredTask> unfinished(int limit) {
        return queries.unfinished(limit);
    }

    @Override
    public void savePushConfig(TaskPushNotificationConfig config) {
        push.save(config);
    }

    @Override
    public void deletePushConfig(String tenant, String taskId, String configId) {
        push.delete(tenant, taskId, configId);
    }

    @Override
    public List<TaskPushNotificationConfig> pushConfigs() {
        return push.configsOfUnfinishedTasks();
    }

    @Override
    public void pushPending(String tenant, String taskId, String configId, long sequence) {
        push.pending(tenant, taskId, configId, sequence);
    }

    @Override
    public void pushDone(String tenant, String taskId, String configId, long sequence) {
        push.done(tenant, taskId, configId, sequence);
    }

    @Override
    public List<PendingPush> pendingPushes() {
        return push.pendingDeliveries();
    }

    /** Runs the retention sweep now (tests and operators); returns the number of tasks deleted. */
    int sweep() throws SQLException {
        return retention.sweep();
    }

    private Write.TaskRow row(String tenant, Task task, String agentId) {
        return new Write.TaskRow(Write.Key.of(tenant, task.id()), task.contextId(), task.status().state().name(),
                task.status().timestamp() == null ? null : UpdateOrder.micros(task.status().timestamp()), order.next(),
                documents.task(task), agentId);
    }

    private List<Write.EventRow> eventRows(String tenant, String taskId, List<StoredEvent> events) {
        Write.Key key = Write.Key.of(tenant, taskId);
        return events.stream().map(event -> new Write.EventRow(key, event.sequence(), documents.event(event.event())))
                .toList();
    }
}
