package io.agentx.core.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.api.PendingPush;
import io.agentx.api.TaskStore;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push notification configurations per task, and their delivery: every task event is POSTed to each of the
 * task's destinations as a {@code StreamResponse}, in order per destination, retried with exponential backoff.
 * The configurations are kept in memory and in the task store; with a durable store, each delivery is recorded
 * in its outbox before it is attempted and removed once done, so deliveries cut off by a crash are made after
 * the restart ({@link #restore}): at least once. Each connection goes only to addresses the guard checked when
 * making it ({@link PushSender}).
 */
final class PushNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushNotifier.class);

    private final Map<String, Map<String, TaskPushNotificationConfig>> byTask = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deliveryTails = new ConcurrentHashMap<>();
    /** What configuration changes: applied to later deliveries, registered destinations are kept. */
    record Settings(PushDestinationGuard guard, int attempts, Duration timeout) {
    }

    private final A2aJson json;
    private final io.agentx.a2a.json.A2aJson03 json03;
    private final PushSender sender;
    private final TaskStore store;
    private final Executor executor;
    private volatile Settings settings;

    PushNotifier(A2aJson json, Settings settings, Executor executor, TaskStore store) {
        this.json = json;
        this.json03 = new io.agentx.a2a.json.A2aJson03(json);
        this.settings = settings;
        this.store = store;
        this.executor = executor;
        this.sender = new PushSender(() -> this.settings.guard(), Duration.ofSeconds(10));
    }

    void reconfigure(Settings changed) {
        PushDestinationGuard before = settings.guard();
        this.settings = changed;
        if (!changed.guard().equals(before)) {
            sender.forgetConnections(); // kept connections were checked under the old rules
        }
    }

    @Override
    public void close() {
        sender.close();
    }

    private static String key(String tenant, String taskId) {
        return (tenant == null ? "" : tenant) + '\u0000' + taskId;
    }

    /** Refuses, naming {@code field}, a URL that may not be pushed to. */
    void check(String url, String field) {
        settings.guard().check(url, field);
    }

    TaskPushNotificationConfig register(String tenant, String taskId, TaskPushNotificationConfig config) {
        check(config.url(), "url");
        return keep(tenant, taskId, config);
    }

    /** Registers a destination whose URL was just {@link #check checked}, without resolving its host again. */
    TaskPushNotificationConfig keep(String tenant, String taskId, TaskPushNotificationConfig config) {
        String id = config.id() == null || config.id().isBlank() ? Ids.next() : config.id();
        TaskPushNotificationConfig stored = new TaskPushNotificationConfig(config.tenant(), id, taskId, config.url(),
                config.token(), config.authentication(), config.protocolVersion());
        store.savePushConfig(new TaskPushNotificationConfig(tenant, id, taskId, config.url(), config.token(),
                config.authentication(), config.protocolVersion()));
        remember(key(tenant, taskId), stored);
        return stored;
    }

    /** After a restart: the destinations of unfinished tasks, and the deliveries the last run did not finish. */
    void restore() {
        for (TaskPushNotificationConfig config : store.pushConfigs()) {
            remember(key(config.tenant(), config.taskId()), config);
        }
        List<PendingPush> pending = store.pendingPushes();
        for (PendingPush push : pending) {
            TaskPushNotificationConfig config = push.config();
            byte[] body = config.wantsLegacyForm()
                    ? encodeLegacy(store.find(config.tenant(), config.taskId()).orElse(null))
                    : encode(push.event());
            if (body != null) {
                deliverInOrder(push.config(), push.sequence(), body, false);
            }
        }
        if (!pending.isEmpty()) {
            LOG.info("{} push delivery(ies) cut off by the last stop are being made again", pending.size());
        }
    }

    private void remember(String taskKey, TaskPushNotificationConfig stored) {
        String id = stored.id();
        byTask.compute(taskKey, (key, configs) -> {
            Map<String, TaskPushNotificationConfig> next = configs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(configs);
            next.put(id, stored);
            return next;
        });
    }

    TaskPushNotificationConfig get(String tenant, String taskId, String id) {
        TaskPushNotificationConfig config = byTask.getOrDefault(key(tenant, taskId), Map.of()).get(id);
        if (config == null) {
            throw new A2aException(A2aError.TASK_NOT_FOUND, "task " + taskId + " has no push configuration '" + id + "'",
                    Map.of("taskId", taskId, "configId", id));
        }
        return config;
    }

    List<TaskPushNotificationConfig> list(String tenant, String taskId) {
        return List.copyOf(byTask.getOrDefault(key(tenant, taskId), Map.of()).values());
    }

    void delete(String tenant, String taskId, String id) {
        store.deletePushConfig(tenant, taskId, id);
        byTask.computeIfPresent(key(tenant, taskId), (key, configs) -> {
            Map<String, TaskPushNotificationConfig> next = new LinkedHashMap<>(configs);
            next.remove(id);
            return next.isEmpty() ? null : next;
        });
    }

    /** Whether events of the task go to at least one destination. */
    boolean hasDestinations(String tenant, String taskId) {
        return !byTask.isEmpty() && byTask.containsKey(key(tenant, taskId)); // asked for every event: no key when none
    }

    /**
     * Sends event number {@code sequence} to every destination of its task; {@code last} forgets the task's
     * configurations after.
     */
    void publish(String tenant, String taskId, StreamEvent event, long sequence, boolean last,
            java.util.function.Supplier<Task> current) {
        if (byTask.isEmpty()) {
            return;
        }
        String taskKey = key(tenant, taskId);
        Map<String, TaskPushNotificationConfig> configs = last ? byTask.remove(taskKey) : byTask.get(taskKey);
        if (configs == null || configs.isEmpty()) {
            return;
        }
        byte[] body = null;
        byte[] legacyBody = null;
        for (TaskPushNotificationConfig config : configs.values()) {
            if (config.wantsLegacyForm()) { // a 0.3 client: the task as it stands, as 0.3 servers send it
                legacyBody = legacyBody != null ? legacyBody : encodeLegacy(current.get());
            } else {
                body = body != null ? body : encode(event);
            }
            byte[] payload = config.wantsLegacyForm() ? legacyBody : body;
            if (payload == null) {
                continue;
            }
            TaskPushNotificationConfig owned = new TaskPushNotificationConfig(tenant, config.id(), taskId, config.url(),
                    config.token(), config.authentication(), config.protocolVersion());
            try {
                store.pushPending(tenant, taskId, config.id(), sequence);
            } catch (RuntimeException e) {
                LOG.warn("Push delivery of event {} of task {} is not recorded in the outbox ({}); it is made, but not "
                        + "again after a crash", sequence, taskId, e.getMessage());
            }
            deliverInOrder(owned, sequence, payload, last);
        }
    }

    /** The task in its A2A 0.3 form, the body 0.3 servers push; {@code null} if there is none to send. */
    private byte[] encodeLegacy(Task task) {
        if (task == null) {
            return null;
        }
        try {
            return json.mapper().writeValueAsBytes(json03.task(task));
        } catch (IOException e) {
            LOG.error("Cannot encode a push notification: {}", e.getMessage());
            return null;
        }
    }

    private byte[] encode(StreamEvent event) {
        try {
            return json.mapper().writeValueAsBytes(json.streamResponse(event));
        } catch (IOException e) {
            LOG.error("Cannot encode a push notification: {}", e.getMessage());
            return null;
        }
    }

    /** Queues a delivery behind the earlier ones to the same destination; once over, it leaves the outbox. */
    private void deliverInOrder(TaskPushNotificationConfig config, long sequence, byte[] body, boolean last) {
        String chain = key(config.tenant(), config.taskId()) + '\u0000' + config.id();
        CompletableFuture<Void> tail = deliveryTails.compute(chain, (key, previous) ->
                (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .handle((ignored, earlierFailure) -> null) // one failed delivery does not stop the later ones
                        .thenCompose(ignored -> deliver(config, body, 1))
                        .thenRunAsync(() -> done(config, sequence), executor)
                        .whenComplete((ignored, error) -> {
                            if (error != null) {
                                LOG.warn("Push of event {} of task {} to {} failed: {}", sequence, config.taskId(),
                                        config.url(), error.toString());
                            }
                        }));
        if (last) {
            tail.whenComplete((ignored, error) -> deliveryTails.remove(chain, tail));
        }
    }

    private void done(TaskPushNotificationConfig config, long sequence) {
        try {
            store.pushDone(config.tenant(), config.taskId(), config.id(), sequence);
        } catch (RuntimeException e) {
            LOG.warn("Push delivery of event {} of task {} stays in the outbox ({}); it may be made again after a restart",
                    sequence, config.taskId(), e.getMessage());
        }
    }

    private CompletableFuture<Void> deliver(TaskPushNotificationConfig config, byte[] body, int attempt) {
        Settings current = settings;
        URI uri;
        try {
            uri = current.guard().parse(config.url(), "url");
        } catch (A2aException e) {
            LOG.warn("Push to {} for task {} refused: {}", config.url(), config.taskId(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.authentication() != null) {
            headers.put("Authorization", config.authentication().scheme()
                    + (config.authentication().credentials() == null ? "" : " " + config.authentication().credentials()));
        }
        if (config.token() != null && !config.token().isBlank()) {
            headers.put("X-A2A-Notification-Token", config.token());
        }
        return sender.post(uri, body, "application/a2a+json", headers, current.timeout())
                .handle((status, error) -> {
                    if (error == null && status < 300) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (error != null && sender.isClosed()) {
                        return CompletableFuture.<Void>failedFuture(error); // stopping: it stays in the outbox
                    }
                    PushDestinationGuard.Refused refused = refusal(error);
                    if (refused != null) {
                        LOG.warn("Push to {} for task {} refused: {}", config.url(), config.taskId(),
                                refused.getMessage());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    String reason = error != null ? error.toString() : "HTTP " + status;
                    if (attempt >= current.attempts() || error == null && status >= 400 && status < 500
                            && status != 408 && status != 429) {
                        LOG.warn("Push to {} for task {} gave up after {} attempt(s): {}", config.url(), config.taskId(),
                                attempt, reason);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    long delay = 250L << (attempt - 1);
                    return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> deliver(config, body, attempt + 1));
                })
                .thenCompose(next -> next);
    }

    /** The guard's refusal behind a failed request, if that is why it failed. */
    private static PushDestinationGuard.Refused refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PushDestinationGuard.Refused refused) {
                return refused;
            }
        }
        return null;
    }
}
