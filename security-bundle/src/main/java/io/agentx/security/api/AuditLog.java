package io.agentx.security.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The tamper-evident audit trail: security decisions and administrative actions, one JSON line each, every
 * entry chained to the previous one by hash. Never pass a credential in {@code details}.
 */
@ProviderType
public interface AuditLog {

    /**
     * Appends an entry.
     *
     * @param action what happened, e.g. {@code bundle.install}, {@code auth.failed}
     * @param principal who did it, or {@code null} when unknown
     * @param outcome {@code success}, {@code denied}, {@code failed}…
     * @param details what else matters, as strings or numbers
     */
    void record(String action, String principal, String outcome, Map<String, ?> details);

    /**
     * The outcome of checking the chain.
     *
     * @param entries how many entries were checked before the end or the first broken one
     * @param brokenAt the line of the first entry that breaks the chain, 0 when the chain is intact
     * @param problem what is wrong with that entry, or {@code null}
     */
    record Verification(long entries, long brokenAt, String problem) {
        public boolean intact() {
            return brokenAt == 0;
        }
    }

    /** Checks every entry's hash and its link to the entry before it. */
    Verification verify();
}
