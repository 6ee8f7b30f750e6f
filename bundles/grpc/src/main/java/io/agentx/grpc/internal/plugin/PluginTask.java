package io.agentx.grpc.internal.plugin;

import io.agentx.api.TaskEvents;

/** A task a plugin is working on, and the session currently answering for it (it changes when a plugin resumes). */
final class PluginTask {
    private final String taskId;
    private final String agentId;
    private final TaskEvents events;
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

    void moveTo(PluginSession newSession) {
        session = newSession;
    }
}
