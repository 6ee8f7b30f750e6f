package io.agentx.a2a.client.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import java.util.Objects;

/** Argument checks and the interface's tenant, applied the same way by every binding. */
final class Requests {
    private Requests() {
    }

    static String id(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static Integer historyLength(Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("historyLength must be 0 or more, got " + value);
        }
        return value;
    }

    static SendMessageRequest checked(SendMessageRequest request) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.message(), "request.message");
        return request;
    }

    static ListTasksRequest checked(ListTasksRequest request) {
        Objects.requireNonNull(request, "request");
        historyLength(request.historyLength());
        return request;
    }

    static TaskPushNotificationConfig checked(TaskPushNotificationConfig config) {
        Objects.requireNonNull(config, "config");
        id(config.taskId(), "config.taskId");
        Objects.requireNonNull(config.url(), "config.url");
        return config;
    }

    /** The request with the interface's tenant unless it names one. */
    static SendMessageRequest withTenant(SendMessageRequest request, String tenant) {
        return checked(request).tenant() != null || tenant == null ? request
                : new SendMessageRequest(tenant, request.message(), request.configuration(), request.metadata());
    }

    static ListTasksRequest withTenant(ListTasksRequest request, String tenant) {
        return checked(request).tenant() != null || tenant == null ? request
                : new ListTasksRequest(tenant, request.contextId(), request.status(), request.pageSize(),
                        request.pageToken(), request.historyLength(), request.statusTimestampAfter(),
                        request.includeArtifacts());
    }

    static TaskPushNotificationConfig withTenant(TaskPushNotificationConfig config, String tenant) {
        return checked(config).tenant() != null || tenant == null ? config
                : new TaskPushNotificationConfig(tenant, config.id(), config.taskId(), config.url(), config.token(),
                        config.authentication());
    }

    /** A SendMessage answer must be a task or a message. */
    static StreamEvent taskOrMessage(StreamEvent event, String path) {
        if (event instanceof Task || event instanceof Message) {
            return event;
        }
        throw A2aException.invalid(path, "must be a task or a message, got a " + event.getClass().getSimpleName());
    }
}
