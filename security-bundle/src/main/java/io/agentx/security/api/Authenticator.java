package io.agentx.security.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Establishes who is calling from the credentials a request carries. */
@ProviderType
public interface Authenticator {

    /**
     * Authenticates the value of an HTTP {@code Authorization} header.
     *
     * @param authorization the header value, e.g. {@code Basic YWRtaW46c2VjcmV0}; may be {@code null}
     * @return the authenticated principal, or empty if the credentials are missing or wrong
     */
    Optional<AuthenticatedPrincipal> authenticate(String authorization);

    /** The value of a {@code WWW-Authenticate} header that tells a client how to authenticate. */
    String challenge();
}
