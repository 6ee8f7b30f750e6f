package io.agentx.router.internal;

/**
 * Implemented by the events the router hands to a replica: lets a proxy agent report a failure of its transport
 * (timeout, lost connection, 5xx) so that it counts against the replica's health, unlike a task the agent failed.
 */
public interface ReplicaFeedback {

    /** The replica's transport failed while working on this request. */
    void transportFailed(String reason);
}
