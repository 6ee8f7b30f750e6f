package io.agentx.api;

import io.agentx.a2a.model.StreamEvent;

/**
 * One event of a task as a store keeps it: its number in the task's event sequence (the first event after the
 * task was created is 1) and the event.
 */
public record StoredEvent(long sequence, StreamEvent event) {

    /** The {@code id:} of this event on an event stream, as clients send it back in {@code Last-Event-ID}. */
    public static String streamId(String taskId, long sequence) {
        return taskId + ':' + sequence;
    }
}
