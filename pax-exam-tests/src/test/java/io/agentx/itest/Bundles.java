package io.agentx.itest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds installed bundles for the in-framework tests. */
final class Bundles {
    private Bundles() {
    }

    /** The installed bundle with this symbolic name; fails the test if there is none. */
    static Bundle named(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " is installed");
    }
}
