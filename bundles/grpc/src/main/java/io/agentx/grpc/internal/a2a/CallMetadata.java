package io.agentx.grpc.internal.a2a;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.api.RequestContext;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Credentials;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

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
    private static final Context.Key<AuthenticatedPrincipal> PRINCIPAL = Context.key("agentx-principal");

    private final CallGuard guard;
    private final Executor workers;

    /** @param workers where each call's method runs, after its caller is admitted ({@link MethodOnWorker}) */
    public CallMetadata(CallGuard guard, Executor workers) {
        this.guard = guard;
        this.workers = workers;
    }

    /**
     * Hands the call's method to a worker, which first admits the caller: a refused call ends there with
     * UNAUTHENTICATED (or RESOURCE_EXHAUSTED over a rate limit) and its ErrorInfo, and its method never runs.
     */
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Context context = Context.current().withValue(HEADERS, headers);
        Context previous = context.attach();
        ServerCall.Listener<Q> method;
        try {
            method = next.startCall(call, headers);
        } finally {
            context.detach(previous);
        }
        return new MethodOnWorker<>(call, method, context, workers, () -> admit(call, headers, context));
    }

    /** The context the call's method runs in, with its caller; {@code null} when the call was refused (and closed). */
    private Context admit(ServerCall<?, ?> call, Metadata headers, Context context) {
        try {
            return context.withValue(PRINCIPAL, guard.admit(credentials(call, headers),
                    "grpc " + call.getMethodDescriptor().getFullMethodName()));
        } catch (AccessDeniedException e) {
            A2aException refusal = new A2aException(e.reason() == AccessDeniedException.Reason.RATE_LIMITED
                    ? A2aError.RATE_LIMITED : A2aError.UNAUTHENTICATED, e.getMessage());
            io.grpc.StatusRuntimeException status = GrpcErrors.of(refusal);
            Metadata trailers = status.getTrailers() == null ? new Metadata() : status.getTrailers();
            if (e.reason() == AccessDeniedException.Reason.RATE_LIMITED) {
                trailers.put(key("retry-after"), Long.toString(e.retryAfterSeconds()));
            }
            call.close(status.getStatus(), trailers);
            return null;
        }
    }

    private Credentials credentials(ServerCall<?, ?> call, Metadata headers) {
        java.util.List<java.security.cert.X509Certificate> certificates = List.of();
        javax.net.ssl.SSLSession tls = call.getAttributes().get(io.grpc.Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (tls != null) {
            try {
                certificates = Arrays.stream(tls.getPeerCertificates())
                        .filter(java.security.cert.X509Certificate.class::isInstance)
                        .map(java.security.cert.X509Certificate.class::cast).toList();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                // no client certificate
            }
        }
        return new Credentials(headers.get(AUTHORIZATION), headers.get(key(guard.apiKeyHeader())), certificates);
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
        AuthenticatedPrincipal principal = PRINCIPAL.get();
        Map<String, Object> metadata = metadata(headers);
        if (principal != null) {
            metadata.put(AuthenticatedPrincipal.CONTEXT_KEY, principal);
        }
        return new RequestContext(principal == null ? "anonymous" : principal.name(),
                tenant == null || tenant.isBlank() ? null : tenant.strip(), activated, "1.0", metadata);
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
