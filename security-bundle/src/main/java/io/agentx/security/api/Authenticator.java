package io.agentx.security.api;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Establishes who is calling from the credentials a request carries: the admin password (HTTP Basic), API
 * keys, JWT bearer tokens, TLS client certificates — whichever the request presents.
 */
@ProviderType
public interface Authenticator {

    /**
     * Verifies the credentials.
     *
     * @throws AccessDeniedException UNAUTHENTICATED when none were presented or they do not verify, saying
     *         which and why (expired, wrong audience, revoked…) without repeating them
     */
    AuthenticatedPrincipal authenticate(Credentials credentials);

    /**
     * Authenticates the value of an HTTP {@code Authorization} header.
     *
     * @param authorization the header value, e.g. {@code Basic YWRtaW46c2VjcmV0}; may be {@code null}
     * @return the authenticated principal, or empty if the credentials are missing or wrong
     */
    default Optional<AuthenticatedPrincipal> authenticate(String authorization) {
        try {
            return Optional.of(authenticate(Credentials.of(authorization, null)));
        } catch (AccessDeniedException e) {
            return Optional.empty();
        }
    }

    /**
     * Authenticates an administrative request (management API, console plugins) from its headers: the admin
     * password, or an API key of a principal holding the admin role. Refusals are audited.
     *
     * @param headers the request's header values by name, e.g. {@code request::getHeader}
     * @param where what was called, for the audit trail, e.g. {@code DELETE /api/v1/bundles/42}
     * @throws AccessDeniedException UNAUTHENTICATED, or FORBIDDEN for a principal without the admin role
     */
    AuthenticatedPrincipal authenticateAdmin(UnaryOperator<String> headers, String where);

    /** The header that carries API keys, {@code X-API-Key} unless configured otherwise. */
    String apiKeyHeader();

    /** The value of a {@code WWW-Authenticate} header that tells a client how to authenticate. */
    String challenge();
}
