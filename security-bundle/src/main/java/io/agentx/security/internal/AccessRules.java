package io.agentx.security.internal;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Operation;
import java.util.ArrayList;
import java.util.List;

/** The configured access rules: a matching deny wins, else a matching allow admits, else the call is denied. */
final class AccessRules {
    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses every rule.
     *
     * @throws IllegalArgumentException naming each rule that is malformed and why
     */
    static AccessRules parse(String[] texts) {
        List<AccessRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String text : texts == null ? new String[0] : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                rules.add(AccessRule.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new AccessRules(rules);
    }

    void check(AuthenticatedPrincipal principal, Operation operation, String agentId, String skill) {
        AccessRule allowedBy = null;
        for (AccessRule rule : rules) {
            if (rule.matches(principal, operation, agentId, skill)) {
                if (!rule.allow()) {
                    throw forbidden(principal, operation, agentId, skill, "the rule '" + rule.text() + "' denies it");
                }
                if (allowedBy == null) {
                    allowedBy = rule;
                }
            }
        }
        if (allowedBy == null) {
            throw forbidden(principal, operation, agentId, skill, "no access rule allows it");
        }
    }

    private static AccessDeniedException forbidden(AuthenticatedPrincipal principal, Operation operation,
            String agentId, String skill, String why) {
        return new AccessDeniedException(AccessDeniedException.Reason.FORBIDDEN, "principal '" + principal.name()
                + "' may not " + operation.ruleName() + (agentId == null ? "" : " on agent '" + agentId + "'")
                + (skill == null ? "" : " (skill '" + skill + "')") + ": " + why);
    }
}
