package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.api.RequestContext;
import io.agentx.security.api.AuthenticatedPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every A2A HTTP request needs checked and extracted, whatever its binding. */
final class Requests {
    static final String EXTENSIONS_HEADER = "A2A-Extensions";

    private Requests() {
    }

    /**
     * The request's context, with the principal that {@link Admission} authenticated.
     *
     * @throws A2aException UNAUTHENTICATED or RATE_LIMITED when the request was refused admission
     */
    static RequestContext context(HttpServletRequest request, String tenant, ProtocolVersion version) {
        if (request.getAttribute(Admission.REFUSAL) instanceof A2aException refusal) {
            throw refusal;
        }
        String extensions = request.getHeader(EXTENSIONS_HEADER);
        if (extensions == null) {
            extensions = request.getHeader("X-A2A-Extensions");
        }
        List<String> activated = extensions == null ? List.of() : Arrays.stream(extensions.split(","))
                .map(String::trim).filter(uri -> !uri.isEmpty()).toList();
        AuthenticatedPrincipal principal = request.getAttribute(AuthenticatedPrincipal.CONTEXT_KEY)
                instanceof AuthenticatedPrincipal authenticated ? authenticated : null;
        return new RequestContext(principal == null ? "anonymous" : principal.name(), tenant, activated,
                version.label(), metadata(request, principal));
    }

    /**
     * The authenticated principal, the caller's own credentials (for agents configured to pass them on) and the
     * {@code Last-Event-ID} of a reconnecting stream client (nothing when there are none).
     */
    private static Map<String, Object> metadata(HttpServletRequest request, AuthenticatedPrincipal principal) {
        String authorization = request.getHeader("Authorization");
        String apiKey = request.getHeader("X-API-Key");
        String lastEventId = request.getHeader("Last-Event-ID");
        if (principal == null && authorization == null && apiKey == null && lastEventId == null) {
            return Map.of();
        }
        Map<String, Object> metadata = new java.util.HashMap<>();
        if (principal != null) {
            metadata.put(AuthenticatedPrincipal.CONTEXT_KEY, principal);
        }
        if (lastEventId != null) {
            metadata.put(RequestContext.LAST_EVENT_ID, lastEventId.strip());
        }
        if (authorization == null && apiKey == null) {
            return metadata;
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (apiKey != null) {
            headers.put("X-API-Key", apiKey);
        }
        metadata.put(RequestContext.CALLER_CREDENTIALS, Map.copyOf(headers));
        return metadata;
    }

    /** Tells the client which of its requested extensions the agent supports (and so are active). */
    static void echoExtensions(jakarta.servlet.http.HttpServletResponse response, RequestContext context,
            io.agentx.api.A2aService service, String agentId) {
        if (context.extensions().isEmpty()) {
            return; // the common case: no card lookup on the request path
        }
        java.util.Optional<io.agentx.a2a.model.AgentCard> card = service.card(agentId);
        if (card.isEmpty()) {
            return;
        }
        List<String> supported = card.get().capabilities().extensions().stream()
                .map(io.agentx.a2a.model.AgentExtension::uri).filter(context.extensions()::contains).toList();
        if (!supported.isEmpty()) {
            response.setHeader(EXTENSIONS_HEADER, String.join(", ", supported));
        }
    }

    /** Checks the media type of a JSON body: {@code application/json} or {@code application/a2a+json}. */
    static void requireJson(HttpServletRequest request) {
        String type = request.getContentType();
        String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.equals("application/a2a+json")) {
            throw new TransportException(415, new A2aException(A2aError.INVALID_REQUEST, "Content-Type '"
                    + (media.isEmpty() ? "(none)" : media) + "' is not accepted; send application/json or application/a2a+json"));
        }
    }

    /** The body, at most {@code limit} bytes (413 beyond); read straight into an array of the declared size. */
    static byte[] body(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < declared) {
                    throw new TransportException(400, new A2aException(A2aError.INVALID_REQUEST,
                            "the body ended after " + read + " of the " + declared + " bytes its Content-Length announced"));
                }
                return body;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
            byte[] buffer = new byte[4096];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (body.size() + read > limit) {
                    throw tooLarge(limit);
                }
                body.write(buffer, 0, read);
            }
            return body.toByteArray();
        }
    }

    /** Reads and discards what is left of the body, at most {@code limit} bytes; never fails. */
    static void drainQuietly(HttpServletRequest request, int limit) {
        try {
            jakarta.servlet.ServletInputStream in = request.getInputStream();
            if (in.isFinished() || in.read() < 0) {
                return; // a body read up to its Content-Length is not "finished" until the end is seen
            }
            byte[] buffer = new byte[1024];
            long total = 1;
            for (int read; total < limit && (read = in.read(buffer)) >= 0; ) {
                total += read;
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is closing anyway
        }
    }

    private static TransportException tooLarge(int limit) {
        return new TransportException(413, new A2aException(A2aError.INVALID_REQUEST,
                "the request body exceeds " + limit + " bytes (maxBodyBytes of PID io.agentx.http)"));
    }
}
