package io.agentx.core.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The configurations live in memory; the durable store will keep them (and an outbox) across restarts.
 */
final class PushNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(PushNotifier.class);

    private final Map<String, Map<String, TaskPushNotificationConfig>> byTask = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deliveryTails = new ConcurrentHashMap<>();
    /** What configuration changes: applied to later deliveries, registered destinations are kept. */
    record Settings(PushDestinationGuard guard, int attempts, Duration timeout) {
    }

    private final A2aJson json;
    private final HttpClient http;
    private volatile Settings settings;

    PushNotifier(A2aJson json, Settings settings, Executor executor) {
        this.json = json;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void reconfigure(Settings changed) {
        this.settings = changed;
    }

    TaskPushNotificationConfig register(String taskKey, String taskId, TaskPushNotificationConfig config) {
        settings.guard().check(config.url(), "url");
        String id = config.id() == null || config.id().isBlank() ? Ids.next() : config.id();
        TaskPushNotificationConfig stored = new TaskPushNotificationConfig(config.tenant(), id, taskId, config.url(),
                config.token(), config.authentication());
        byTask.compute(taskKey, (key, configs) -> {
            Map<String, TaskPushNotificationConfig> next = configs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(configs);
            next.put(id, stored);
            return next;
        });
        return stored;
    }

    TaskPushNotificationConfig get(String taskKey, String taskId, String id) {
        TaskPushNotificationConfig config = byTask.getOrDefault(taskKey, Map.of()).get(id);
        if (config == null) {
            throw new A2aException(A2aError.TASK_NOT_FOUND, "task " + taskId + " has no push configuration '" + id + "'",
                    Map.of("taskId", taskId, "configId", id));
        }
        return config;
    }

    List<TaskPushNotificationConfig> list(String taskKey) {
        return List.copyOf(byTask.getOrDefault(taskKey, Map.of()).values());
    }

    void delete(String taskKey, String id) {
        byTask.computeIfPresent(taskKey, (key, configs) -> {
            Map<String, TaskPushNotificationConfig> next = new LinkedHashMap<>(configs);
            next.remove(id);
            return next.isEmpty() ? null : next;
        });
    }

    /** Whether events of the task go to at least one destination. */
    boolean hasDestinations(String taskKey) {
        return byTask.containsKey(taskKey);
    }

    /** Sends an event to every destination of its task; {@code last} forgets the task's configurations after. */
    void publish(String taskKey, StreamEvent event, boolean last) {
        Map<String, TaskPushNotificationConfig> configs = last ? byTask.remove(taskKey) : byTask.get(taskKey);
        if (configs == null || configs.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = json.mapper().writeValueAsBytes(json.streamResponse(event));
        } catch (IOException e) {
            LOG.error("Cannot encode a push notification for {}: {}", taskKey, e.getMessage());
            return;
        }
        for (TaskPushNotificationConfig config : configs.values()) {
            String chain = taskKey + '\u0000' + config.id();
            deliveryTails.compute(chain, (key, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                    .thenCompose(ignored -> deliver(config, body, 1)));
            if (last) {
                deliveryTails.get(chain).whenComplete((ignored, error) -> deliveryTails.remove(chain));
            }
        }
    }

    private CompletableFuture<Void> deliver(TaskPushNotificationConfig config, byte[] body, int attempt) {
        Settings current = settings;
        URI uri;
        try {
            uri = current.guard().check(config.url(), "url");
        } catch (A2aException e) {
            LOG.warn("Push to {} for task {} refused: {}", config.url(), config.taskId(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(current.timeout())
                .header("Content-Type", "application/a2a+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.authentication() != null) {
            request.header("Authorization", config.authentication().scheme()
                    + (config.authentication().credentials() == null ? "" : " " + config.authentication().credentials()));
        }
        if (config.token() != null && !config.token().isBlank()) {
            request.header("X-A2A-Notification-Token", config.token());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() < 300) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    String reason = error != null ? error.toString() : "HTTP " + response.statusCode();
                    if (attempt >= current.attempts() || error == null && response.statusCode() >= 400 && response.statusCode() < 500
                            && response.statusCode() != 408 && response.statusCode() != 429) {
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
}
