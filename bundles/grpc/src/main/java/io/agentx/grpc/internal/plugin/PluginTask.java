package io.agentx.grpc.internal.plugin;

import io.agentx.api.TaskEvents;
import java.util.concurrent.CompletableFuture;

/** A task a plugin is working on, and the session currently answering for it (it changes when a plugin resumes). */
final class PluginTask {
    private final String taskId;
    private final String agentId;
    private final TaskEvents events;
    private final CompletableFuture<Void> turnEnded = new CompletableFuture<>();
    private volatile PluginSession session;

    PluginTask(String taskId, String agentId, TaskEvents events, PluginSession session) {
        this.taskId = taskId;
        this.agentId = agentId;
        this.events = events;
        this.session = session;
    }

    String taskId() {
        return taskId;
    }

    String agentId() {
        return agentId;
    }

    TaskEvents events() {
        return events;
    }

    PluginSession session() {
        return session;
    }

    /** Completes when the plugin's turn on the task is over: it ended or interrupted the task, or the task failed. */
    CompletableFuture<Void> turnEnded() {
        return turnEnded;
    }

    void moveTo(PluginSession newSession) {
        session = newSession;
    }
}
