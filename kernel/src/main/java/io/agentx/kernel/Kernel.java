package io.agentx.kernel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the Felix framework over the distribution's folders. */
final class Kernel {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final KernelOptions options;
    private final Folders folders;
    private final String version;
    private Felix felix;
    private LogServiceBridge logBridge;

    Kernel(KernelOptions options, Folders folders, String version) {
        this.options = options;
        this.folders = folders;
        this.version = version;
    }

    /** Starts the framework and every bundle; returns once the start level is reached. */
    void start() throws StartupException, InterruptedException {
        felix = new Felix(FrameworkProperties.of(options, folders, version));
        try {
            felix.init();
        } catch (BundleException | RuntimeException e) {
            throw new StartupException("the framework cache in " + folders.frameworkCache()
                    + " cannot be used (" + rootMessage(e) + "); remove it or start with --clean", e);
        }
        logBridge = new LogServiceBridge(felix.getBundleContext());
        logBridge.open();

        BundleFolderInstaller installer = new BundleFolderInstaller(felix.getBundleContext());
        List<Bundle> changed = new ArrayList<>();
        changed.addAll(installer.sync(folders.system(), FrameworkProperties.SYSTEM_START_LEVEL));
        changed.addAll(installer.sync(folders.bundles(), FrameworkProperties.AGENTX_START_LEVEL));
        if (!changed.isEmpty()) {
            refresh(changed);
        }

        CountDownLatch started = new CountDownLatch(1);
        felix.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            } else if (event.getType() == FrameworkEvent.ERROR) {
                Bundle bundle = event.getBundle();
                LOG.error("Bundle {} failed: {}", bundle == null ? "?" : bundle.getSymbolicName(),
                        rootMessage(event.getThrowable()));
            }
        });
        try {
            felix.start();
        } catch (BundleException e) {
            throw new StartupException("the framework did not start: " + rootMessage(e), e);
        }
        started.await();
    }

    /** Waits until {@code /health/ready} answers 200; returns null or the reason it is not ready. */
    String awaitReady() throws InterruptedException {
        return new ReadinessProbe(baseUri()).awaitReady(options.readyTimeout());
    }

    URI baseUri() {
        String host = options.httpHost().equals("0.0.0.0") || options.httpHost().equals("::")
                ? "127.0.0.1" : options.httpHost();
        return URI.create("http://" + host + ":" + options.httpPort());
    }

    int bundleCount() {
        return felix.getBundleContext().getBundles().length;
    }

    /**
     * Stops the framework: Jetty stops accepting and lets in-flight requests finish (bounded by the shutdown
     * timeout), then bundles stop in reverse start-level order. Returns false if the timeout passed first.
     */
    boolean stop() throws InterruptedException {
        if (felix == null || (felix.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return true;
        }
        try {
            felix.stop();
        } catch (BundleException e) {
            LOG.error("Framework stop failed: {}", e.getMessage());
            return false;
        }
        Duration budget = options.shutdownTimeout().plusSeconds(5);
        FrameworkEvent event = felix.waitForStop(budget.toMillis());
        return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    /** Blocks until the framework stops by itself (for example when the system bundle is stopped). */
    void awaitStopped() throws InterruptedException {
        felix.waitForStop(0);
    }

    private void refresh(List<Bundle> bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        felix.adapt(FrameworkWiring.class).refreshBundles(bundles, event -> done.countDown());
        if (!done.await(30, TimeUnit.SECONDS)) {
            LOG.warn("Refreshing updated bundles did not finish within 30 s");
        }
    }

    static String rootMessage(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
