package io.agentx.management.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/** A bundle as the API shows it, with whatever keeps it from running. */
record BundleView(long id, String symbolicName, String name, String version, String state, String location,
        int startLevel, boolean fragment, String lastModified, List<String> problems) {

    static BundleView of(Bundle bundle, FrameworkWiring wiring, BundleErrors errors, int frameworkStartLevel) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        List<String> problems = new ArrayList<>(UnresolvedRequirements.of(bundle, wiring));
        errors.of(bundle).ifPresent(error -> problems.add(error.message()));
        if (problems.isEmpty() && !fragment && bundle.getState() != Bundle.ACTIVE && startLevel != null
                && startLevel.isPersistentlyStarted() && startLevel.getStartLevel() <= frameworkStartLevel) {
            problems.add("marked to start but not active; see logs/agentx.log");
        }
        return new BundleView(bundle.getBundleId(), bundle.getSymbolicName(),
                bundle.getHeaders("").get(Constants.BUNDLE_NAME), bundle.getVersion().toString(),
                stateName(bundle.getState()), bundle.getLocation(), startLevel == null ? 0 : startLevel.getStartLevel(),
                fragment, Instant.ofEpochMilli(bundle.getLastModified()).toString(), problems);
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }
}
