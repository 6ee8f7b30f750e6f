package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.api.A2aService;
import java.util.Map;

/** Checks every A2A binding makes before it serves an operation. */
final class Preconditions {
    private Preconditions() {
    }

    /**
     * Streaming operations need an agent whose card declares {@code capabilities.streaming}; at the gateway
     * ({@code agentId} null) the task manager checks the agent the message is routed to.
     */
    static void requireStreaming(A2aService service, String agentId, String nonStreamingOperation) {
        if (agentId != null && !service.card(agentId).map(card -> card.capabilities().streaming()).orElse(false)) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "agent '" + agentId
                    + "' does not stream (capabilities.streaming is false); use " + nonStreamingOperation);
        }
    }

    /** How an answer names the agent addressed: the gateway when none was. */
    static String subject(String agentId) {
        return agentId == null ? "the gateway" : "agent '" + agentId + "'";
    }

    static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw notAllowed(method, expected);
        }
    }

    /** A 405 answer naming the methods the route accepts. */
    static TransportException notAllowed(String method, String allowed) {
        return new TransportException(405, new A2aException(A2aError.METHOD_NOT_FOUND,
                method + " is not allowed here; use " + allowed, Map.of("method", method)));
    }
}
