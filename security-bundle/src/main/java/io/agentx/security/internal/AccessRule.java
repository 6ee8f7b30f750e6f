package io.agentx.security.internal;

import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Operation;
import io.agentx.security.api.TrustLevel;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One access rule, {@code allow|deny <who> <operations> <agents>}, e.g. {@code deny role:guest cancel *} or
 * {@code allow tenant:acme send,get weather,echo/shout}.
 */
record AccessRule(boolean allow, String subjectKind, String subject, TrustLevel minimumTrust, Set<Operation> operations,
        List<String> agents, String text) {

    static AccessRule parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length != 4) {
            throw invalid(text, "expected 4 words: allow|deny <who> <operations> <agents>");
        }
        boolean allow = switch (words[0].toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw invalid(text, "starts with '" + words[0] + "'; expected allow or deny");
        };
        String kind;
        String subject;
        TrustLevel trust = null;
        if (words[1].equals("*")) {
            kind = "*";
            subject = "*";
        } else {
            int colon = words[1].indexOf(':');
            kind = colon < 0 ? "" : words[1].substring(0, colon).toLowerCase(Locale.ROOT);
            subject = colon < 0 ? "" : words[1].substring(colon + 1);
            if (!Set.of("principal", "role", "tenant", "trust").contains(kind) || subject.isEmpty()) {
                throw invalid(text, "who is '" + words[1] + "'; expected *, principal:NAME, role:NAME, tenant:NAME or "
                        + "trust:LEVEL");
            }
            if (kind.equals("trust")) {
                try {
                    trust = TrustLevel.parse(subject);
                } catch (IllegalArgumentException e) {
                    throw invalid(text, e.getMessage());
                }
            }
        }
        return new AccessRule(allow, kind, subject, trust, operations(text, words[2]), List.of(words[3].split(",")), text);
    }

    private static Set<Operation> operations(String text, String list) {
        if (list.equals("*")) {
            return EnumSet.allOf(Operation.class);
        }
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        for (String name : list.split(",")) {
            try {
                operations.add(Operation.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalid(text, "'" + name + "' is not an operation; expected send, stream, get, list, cancel, "
                        + "subscribe, push_config or extended_card");
            }
        }
        return operations;
    }

    boolean matches(AuthenticatedPrincipal principal, Operation operation, String agentId, String skill) {
        return operations.contains(operation) && matchesSubject(principal) && matchesAgent(agentId, skill);
    }

    private boolean matchesSubject(AuthenticatedPrincipal principal) {
        return switch (subjectKind) {
            case "*" -> true;
            case "principal" -> subject.equals(principal.name());
            case "role" -> principal.hasRole(subject);
            case "tenant" -> subject.equals(principal.tenant());
            case "trust" -> principal.trustLevel().atLeast(minimumTrust);
            default -> false;
        };
    }

    /** {@code *} matches any agent (and calls with no agent); {@code a} any skill of a; {@code a/s} only skill s. */
    private boolean matchesAgent(String agentId, String skill) {
        for (String pattern : agents) {
            if (pattern.equals("*")) {
                return true;
            }
            int slash = pattern.indexOf('/');
            String agent = slash < 0 ? pattern : pattern.substring(0, slash);
            if (agentId == null || !(agent.equals("*") || agent.equals(agentId))) {
                continue;
            }
            if (slash < 0 || pattern.substring(slash + 1).equals(skill)) {
                return true;
            }
        }
        return false;
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("access rule '" + text + "': " + problem);
    }
}
