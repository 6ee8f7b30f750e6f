package io.agentx.grpc.internal.plugin;

/**
 * How the plugin bridge treats sessions.
 *
 * @param heartbeatIntervalMillis how often each side sends a heartbeat; three missed intervals end a session
 * @param maxConcurrentTasks the most tasks one plugin session works on at once
 * @param maxMessageBytes the largest message a plugin may send
 * @param resumeGraceMillis how long a broken session's tasks wait for the plugin to reconnect
 * @param cancelTimeoutMillis how long a cancellation waits for the plugin to confirm it
 */
public record BridgeSettings(int heartbeatIntervalMillis, int maxConcurrentTasks, int maxMessageBytes,
        int resumeGraceMillis, int cancelTimeoutMillis) {
}
