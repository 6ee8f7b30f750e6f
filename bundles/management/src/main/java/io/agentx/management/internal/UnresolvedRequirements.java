package io.agentx.management.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

/** Explains why a bundle does not resolve: the mandatory requirements nothing installed can satisfy. */
final class UnresolvedRequirements {
    private UnresolvedRequirements() {
    }

    static List<String> of(Bundle bundle, FrameworkWiring wiring) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null || bundle.getState() != Bundle.INSTALLED) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                    || PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution)) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                missing.add("unresolved requirement " + requirement.getNamespace() + " "
                        + requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
            }
        }
        return missing;
    }
}
