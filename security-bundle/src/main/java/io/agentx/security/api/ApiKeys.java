package io.agentx.security.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Issues and revokes API keys. Only each key's hash is stored; the key itself is shown once, when issued. */
@ProviderType
public interface ApiKeys {

    /** A key as stored: everything but the secret. */
    record KeyInfo(String id, String principal, String tenant, Set<String> roles, TrustLevel trustLevel,
            Instant created, Instant revoked) {
    }

    /** A newly issued key: {@code key} is the secret to hand to the caller, never available again. */
    record IssuedKey(KeyInfo info, String key) {
        @Override
        public String toString() {
            return "IssuedKey[" + info + "]";
        }
    }

    /**
     * Issues a key for a principal; a principal may hold several (rotation).
     *
     * @throws IllegalArgumentException naming the field that is not acceptable
     */
    IssuedKey issue(String principal, String tenant, Set<String> roles, TrustLevel trustLevel);

    /** All keys, revoked ones included, oldest first. */
    List<KeyInfo> list();

    /**
     * Revokes a key at once: the next request with it is refused.
     *
     * @return the key as now stored, or {@code null} if there is no key with that id
     */
    KeyInfo revoke(String id);
}
