package io.agentx.api;

import java.util.List;
import java.util.Map;

/**
 * Who is asking, and how.
 *
 * @param principal the authenticated caller's name, or {@code anonymous}
 * @param tenant the tenant the request belongs to, or {@code null}
 * @param extensions URIs of the A2A extensions the client activated
 * @param protocolVersion the A2A version the client speaks, e.g. {@code 1.0}
 * @param metadata transport metadata
 */
public record RequestContext(String principal, String tenant, List<String> extensions, String protocolVersion,
        Map<String, Object> metadata) {

    /**
     * The metadata entry holding the credential headers the caller presented ({@code Authorization},
     * {@code X-API-Key}) as a {@code Map<String, String>}, for proxies configured to pass them on. Never log it.
     */
    public static final String CALLER_CREDENTIALS = "agentx.callerCredentials";

    /**
     * The metadata entry holding the {@code Last-Event-ID} a reconnecting stream client sent (a {@code String},
     * {@code <taskId>:<sequence>}): the stream resumes after that event instead of starting over.
     */
    public static final String LAST_EVENT_ID = "agentx.lastEventId";

    public RequestContext {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The same request acting in another tenant. */
    public RequestContext withTenant(String newTenant) {
        return new RequestContext(principal, newTenant, extensions, protocolVersion, metadata);
    }

    /** A context for calls from inside AgentX. */
    public static RequestContext internal() {
        return new RequestContext("internal", null, List.of(), "1.0", Map.of());
    }
}
