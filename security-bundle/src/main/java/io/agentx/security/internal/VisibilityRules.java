package io.agentx.security.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which protected services which untrusted bundles may see, from {@link ServiceVisibilityConfig}. */
final class VisibilityRules {
    private record Grant(NamePattern bundle, List<NamePattern> services) {
    }

    private final List<NamePattern> protectedServices;
    private final List<NamePattern> restrictedBundles;
    private final List<Grant> grants;

    VisibilityRules(String[] protectedServices, String[] restrictedBundles, String[] grants) {
        this.protectedServices = patterns(protectedServices);
        this.restrictedBundles = patterns(restrictedBundles);
        List<Grant> parsed = new ArrayList<>();
        for (String grant : grants == null ? new String[0] : grants) {
            if (grant == null || grant.isBlank()) {
                continue;
            }
            int arrow = grant.indexOf("->");
            if (arrow < 0) {
                throw new IllegalArgumentException("grant '" + grant + "': expected '<bundle pattern> -> <service "
                        + "pattern>[, …]'");
            }
            parsed.add(new Grant(new NamePattern(grant.substring(0, arrow).strip()),
                    patterns(grant.substring(arrow + 2).split(","))));
        }
        this.grants = List.copyOf(parsed);
    }

    /** Whether a bundle of this symbolic name is untrusted wherever it was installed from. */
    boolean restricted(String symbolicName) {
        return symbolicName != null && restrictedBundles.stream().anyMatch(pattern -> pattern.matches(symbolicName));
    }

    /** Whether an untrusted bundle may see a service registered under these interfaces. */
    boolean visible(String symbolicName, String[] objectClasses) {
        for (String objectClass : objectClasses) {
            if (protectedServices.stream().noneMatch(pattern -> pattern.matches(objectClass))) {
                continue;
            }
            boolean granted = grants.stream().anyMatch(grant -> symbolicName != null && grant.bundle().matches(symbolicName)
                    && grant.services().stream().anyMatch(service -> service.matches(objectClass)));
            if (!granted) {
                return false;
            }
        }
        return true;
    }

    private static List<NamePattern> patterns(String[] texts) {
        return Arrays.stream(texts == null ? new String[0] : texts).map(String::strip).filter(text -> !text.isEmpty())
                .map(NamePattern::new).toList();
    }
}
