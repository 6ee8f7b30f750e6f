package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.api.RequestContext;

/** Where a reconnecting stream client left off: its {@code Last-Event-ID}, {@code <taskId>:<sequence>}. */
record StreamPosition(String taskId, long sequence) {

    /** The position in the request's {@code Last-Event-ID}, or {@code null} if it sent none. */
    static StreamPosition of(RequestContext context) {
        Object header = context.metadata().get(RequestContext.LAST_EVENT_ID);
        if (!(header instanceof String id) || id.isBlank()) {
            return null;
        }
        int colon = id.lastIndexOf(':');
        try {
            if (colon > 0) {
                long sequence = Long.parseLong(id.substring(colon + 1));
                if (sequence >= 0) {
                    return new StreamPosition(id.substring(0, colon), sequence);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw A2aException.invalid("Last-Event-ID", "'" + id + "' is not an event id this server sent "
                + "(expected <taskId>:<number>)");
    }
}
