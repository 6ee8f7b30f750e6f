package io.agentx.security.api;

import java.util.Locale;

/** How far AgentX trusts a caller, from least to most. ACL rules may require a minimum level. */
public enum TrustLevel {
    /** Anyone: no credentials were checked. */
    PUBLIC,
    /** A caller whose credentials were verified: an API key or a token from a configured issuer. */
    VERIFIED,
    /** A verified caller that an operator marked as trusted, e.g. a partner system. */
    TRUSTED,
    /** AgentX itself and its operators. */
    INTERNAL;

    /** Whether this level is the given one or above it. */
    public boolean atLeast(TrustLevel minimum) {
        return compareTo(minimum) >= 0;
    }

    /**
     * The level named, in any case ({@code verified}, {@code TRUSTED}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TrustLevel parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' is not a trust level; use public, verified, trusted or "
                    + "internal", e);
        }
    }
}
