package io.agentx.grpc.internal.a2a;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.api.RequestContext;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The A2A service parameters of a gRPC call, read from its metadata: {@code a2a-version},
 * {@code a2a-extensions}, AgentX's {@code agentx-tenant}, the caller's credentials and a stream's
 * {@code last-event-id}.
 */
public final class CallMetadata implements ServerInterceptor {
    /** The tenant a call belongs to (a request's {@code tenant} field names the agent). */
    static final Metadata.Key<String> TENANT = key("agentx-tenant");
    static final Metadata.Key<String> VERSION = key("a2a-version");
    static final Metadata.Key<String> EXTENSIONS = key("a2a-extensions");
    static final Metadata.Key<String> AUTHORIZATION = key("authorization");
    static final Metadata.Key<String> API_KEY = key("x-api-key");
    static final Metadata.Key<String> LAST_EVENT_ID = key("last-event-id");

    private static final Context.Key<Metadata> HEADERS = Context.key("agentx-call-metadata");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
    }

    /** The current call as AgentX's request context. */
    static RequestContext requestContext() {
        Metadata headers = HEADERS.get();
        if (headers == null) {
            headers = new Metadata();
        }
        String version = headers.get(VERSION);
        if (version != null && !version.isBlank() && !version.strip().startsWith("1.")) {
            throw new A2aException(A2aError.VERSION_NOT_SUPPORTED, "a2a-version '" + version.strip()
                    + "' is not served over gRPC (lf.a2a.v1 is A2A 1.0); use 1.0, or the JSON bindings for 0.3",
                    Map.of("version", version.strip()));
        }
        String extensions = headers.get(EXTENSIONS);
        List<String> activated = extensions == null ? List.of() : Arrays.stream(extensions.split(","))
                .map(String::strip).filter(uri -> !uri.isEmpty()).toList();
        String tenant = headers.get(TENANT);
        return new RequestContext("anonymous", tenant == null || tenant.isBlank() ? null : tenant.strip(), activated,
                "1.0", metadata(headers));
    }

    private static Map<String, Object> metadata(Metadata headers) {
        Map<String, Object> metadata = new HashMap<>();
        String lastEventId = headers.get(LAST_EVENT_ID);
        if (lastEventId != null) {
            metadata.put(RequestContext.LAST_EVENT_ID, lastEventId.strip());
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null) {
            credentials.put("Authorization", authorization);
        }
        String apiKey = headers.get(API_KEY);
        if (apiKey != null) {
            credentials.put("X-API-Key", apiKey);
        }
        if (!credentials.isEmpty()) {
            metadata.put(RequestContext.CALLER_CREDENTIALS, Map.copyOf(credentials));
        }
        return metadata;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
