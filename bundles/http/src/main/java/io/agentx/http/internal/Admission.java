package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Credentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Authenticates an A2A HTTP request before any handler runs. The outcome is left on the request: the principal,
 * or the refusal, which {@link Requests#context} raises inside the binding's own error handling so that each
 * binding answers in its own shape (with the 401/403/429 status and the {@code WWW-Authenticate} or
 * {@code Retry-After} header already set).
 */
final class Admission {
    static final String REFUSAL = "agentx.refusal";

    private Admission() {
    }

    static void admit(CallGuard guard, String binding, HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(AuthenticatedPrincipal.CONTEXT_KEY) != null || request.getAttribute(REFUSAL) != null) {
            return; // decided already (a large request is admitted before it may wait for its turn)
        }
        try {
            AuthenticatedPrincipal principal = guard.admit(credentials(guard, request),
                    binding + " " + request.getMethod() + " " + request.getRequestURI());
            request.setAttribute(AuthenticatedPrincipal.CONTEXT_KEY, principal);
        } catch (AccessDeniedException e) {
            A2aError error = switch (e.reason()) {
                case UNAUTHENTICATED -> A2aError.UNAUTHENTICATED;
                case FORBIDDEN -> A2aError.PERMISSION_DENIED;
                case RATE_LIMITED -> A2aError.RATE_LIMITED;
            };
            if (error == A2aError.UNAUTHENTICATED) {
                response.setHeader("WWW-Authenticate", guard.challenge());
            }
            if (error == A2aError.RATE_LIMITED) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            request.setAttribute(REFUSAL, new A2aException(error, e.getMessage()));
        }
    }

    private static Credentials credentials(CallGuard guard, HttpServletRequest request) {
        Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
        List<X509Certificate> certificates = chain instanceof X509Certificate[] array ? Arrays.asList(array) : List.of();
        return new Credentials(request.getHeader("Authorization"), request.getHeader(guard.apiKeyHeader()), certificates);
    }
}
