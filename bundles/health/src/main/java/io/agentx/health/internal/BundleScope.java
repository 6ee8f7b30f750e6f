package io.agentx.health.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The bundles readiness depends on: those the kernel installed from the distribution's {@code system/} and
 * {@code bundles/} folders. Outside the kernel (no such folders announced), every bundle counts.
 */
final class BundleScope {
    private final List<String> locationPrefixes;

    BundleScope(List<String> locationPrefixes) {
        this.locationPrefixes = List.copyOf(locationPrefixes);
    }

    static BundleScope of(BundleContext context) {
        List<String> prefixes = Stream.of("agentx.system.dir", "agentx.bundles.dir")
                .map(context::getProperty)
                .filter(Objects::nonNull)
                .map(dir -> "reference:" + Path.of(dir).toUri())
                .toList();
        return new BundleScope(prefixes);
    }

    boolean covers(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return false;
        }
        if (locationPrefixes.isEmpty()) {
            return true;
        }
        String location = bundle.getLocation();
        return locationPrefixes.stream().anyMatch(location::startsWith);
    }
}
