package io.agentx.security.api;

import java.util.Objects;
import java.util.Set;

/**
 * A caller whose credentials were verified.
 *
 * @param name the principal's name, e.g. {@code admin}
 * @param roles the roles the principal holds, e.g. {@code admin}
 */
public record AuthenticatedPrincipal(String name, Set<String> roles) {

    /** The role that may manage bundles and configurations and open the Web Console. */
    public static final String ADMIN_ROLE = "admin";

    public AuthenticatedPrincipal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    /** Whether this principal holds the given role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
