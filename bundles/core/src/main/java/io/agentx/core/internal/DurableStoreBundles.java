package io.agentx.core.internal;

import io.agentx.api.TaskStore;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The bundles that are meant to run (started, or set to start) and declare a task store service besides the
 * core's own in-memory one. While any is there, the task manager waits for a durable store at start instead of
 * acknowledging tasks from memory that a restart would lose.
 */
final class DurableStoreBundles {
    private static final String SERVICE_NAMESPACE = "osgi.service";

    private DurableStoreBundles() {
    }

    /** The symbolic names of such bundles; empty when AgentX runs on the in-memory store only. */
    static List<String> expected(BundleContext context) {
        List<String> names = new ArrayList<>();
        if (context == null) {
            return names;
        }
        long own = context.getBundle().getBundleId();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != own && meantToRun(bundle) && declaresTaskStore(bundle)) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names;
    }

    private static boolean meantToRun(Bundle bundle) {
        int state = bundle.getState();
        if (state == Bundle.ACTIVE || state == Bundle.STARTING) {
            return true;
        }
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return state != Bundle.UNINSTALLED && level != null && level.isPersistentlyStarted();
    }

    private static boolean declaresTaskStore(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (BundleCapability capability : revision.getDeclaredCapabilities(SERVICE_NAMESPACE)) {
            if (capability.getAttributes().get("objectClass") instanceof List<?> classes
                    && classes.contains(TaskStore.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
