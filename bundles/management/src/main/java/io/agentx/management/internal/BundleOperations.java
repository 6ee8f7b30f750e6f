package io.agentx.management.internal;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates, starts, stops and uninstalls bundles. An update refreshes only the bundles wired to the
 * updated one, never the whole framework.
 */
final class BundleOperations {
    private static final Logger LOG = LoggerFactory.getLogger(BundleOperations.class);
    static final String LOCATION_PREFIX = "agentx-api:";

    private final BundleContext context;
    private final BundleErrors errors;

    BundleOperations(BundleContext context, BundleErrors errors) {
        this.context = context;
        this.errors = errors;
    }

    List<BundleView> list() {
        return Arrays.stream(context.getBundles()).map(this::view).toList();
    }

    BundleView get(long id) {
        return view(bundle(id));
    }

    BundleView install(UploadedBundle upload, boolean start) {
        for (Bundle existing : context.getBundles()) {
            if (upload.symbolicName().equals(existing.getSymbolicName()) && upload.version().equals(existing.getVersion())) {
                throw ApiException.conflict("Bundle " + upload.symbolicName() + " " + upload.version()
                        + " is already installed as bundle " + existing.getBundleId() + "; update it with PUT /api/v1/bundles/"
                        + existing.getBundleId());
            }
        }
        Bundle bundle;
        try {
            bundle = context.installBundle(LOCATION_PREFIX + upload.symbolicName() + "/" + upload.version(),
                    new ByteArrayInputStream(upload.content()));
        } catch (BundleException e) {
            throw ApiException.badRequest("Cannot install " + upload.symbolicName() + ": " + e.getMessage());
        }
        LOG.info("Installed bundle {} {} ({})", upload.symbolicName(), upload.version(), bundle.getBundleId());
        if (start) {
            tryStart(bundle);
        }
        return view(bundle);
    }

    BundleView update(long id, UploadedBundle upload) {
        Bundle bundle = bundle(id);
        requireNotSystem(bundle, "updated");
        if (!upload.symbolicName().equals(bundle.getSymbolicName())) {
            throw ApiException.conflict("Bundle " + id + " is " + bundle.getSymbolicName() + " but the upload is "
                    + upload.symbolicName() + "; install it as a new bundle instead");
        }
        boolean wasActive = bundle.getState() == Bundle.ACTIVE;
        try {
            bundle.update(new ByteArrayInputStream(upload.content()));
        } catch (BundleException e) {
            throw ApiException.badRequest("Cannot update " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        refresh(List.of(bundle));
        LOG.info("Updated bundle {} to {} ({})", bundle.getSymbolicName(), bundle.getVersion(), id);
        if (wasActive && bundle.getState() != Bundle.ACTIVE) {
            tryStart(bundle);
        }
        return view(bundle);
    }

    BundleView start(long id) {
        Bundle bundle = bundle(id);
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            errors.record(bundle, "start failed: " + e.getMessage());
            throw ApiException.conflict("Cannot start " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        return view(bundle);
    }

    BundleView stop(long id) {
        Bundle bundle = bundle(id);
        requireNotSystem(bundle, "stopped");
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException e) {
            throw ApiException.conflict("Cannot stop " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        return view(bundle);
    }

    void uninstall(long id) {
        Bundle bundle = bundle(id);
        requireNotSystem(bundle, "uninstalled");
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            throw ApiException.conflict("Cannot uninstall " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
        LOG.info("Uninstalled bundle {} ({})", bundle.getSymbolicName(), id);
        refresh(List.of(bundle));
    }

    private void tryStart(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            String reason = "start failed: " + e.getMessage();
            errors.record(bundle, reason);
            LOG.error("Bundle {} ({}) installed but did not start: {}", bundle.getSymbolicName(), bundle.getBundleId(),
                    e.getMessage());
        }
    }

    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Refresh after changing {} did not finish within 30 s", bundles);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Bundle bundle(long id) {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw ApiException.notFound("No bundle with id " + id + "; GET /api/v1/bundles lists them");
        }
        return bundle;
    }

    private static void requireNotSystem(Bundle bundle, String verb) {
        if (bundle.getBundleId() == 0) {
            throw ApiException.conflict("The system bundle cannot be " + verb + " through the API; stop AgentX instead");
        }
    }

    private BundleView view(Bundle bundle) {
        Bundle system = context.getBundle(0);
        return BundleView.of(bundle, wiring(), errors, system.adapt(FrameworkStartLevel.class).getStartLevel());
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
