package io.agentx.security.api;

import java.util.Objects;
import java.util.Set;

/**
 * A caller whose credentials were verified.
 *
 * @param name the principal's name, e.g. {@code admin}
 * @param tenant the tenant the principal belongs to, or {@code null} for one that may act in any tenant
 * @param roles the roles the principal holds, e.g. {@code admin}
 * @param trustLevel how far the principal is trusted
 */
public record AuthenticatedPrincipal(String name, String tenant, Set<String> roles, TrustLevel trustLevel) {

    /** The role that may manage bundles, configurations and keys, open the Web Console and call every agent. */
    public static final String ADMIN_ROLE = "admin";

    /**
     * The {@code RequestContext} metadata entry under which transports hand the authenticated principal on to
     * the task manager, which authorizes each operation.
     */
    public static final String CONTEXT_KEY = "agentx.principal";

    /** Who calls when security is switched off: nobody verified, trusted as public. */
    public static final AuthenticatedPrincipal ANONYMOUS =
            new AuthenticatedPrincipal("anonymous", null, Set.of(), TrustLevel.PUBLIC);

    public AuthenticatedPrincipal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        Objects.requireNonNull(trustLevel, "trustLevel");
        tenant = tenant == null || tenant.isBlank() ? null : tenant;
    }

    /** A principal of no particular tenant; administrators are trusted as internal, others as verified. */
    public AuthenticatedPrincipal(String name, Set<String> roles) {
        this(name, null, roles, roles.contains(ADMIN_ROLE) ? TrustLevel.INTERNAL : TrustLevel.VERIFIED);
    }

    /** Whether this principal holds the given role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
