package io.agentx.management.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Remembers the last error each bundle ran into (activation failure, failing component, failed start from
 * hot deploy), as logged through the Log Service or recorded by the API, until the bundle is stopped, updated
 * or uninstalled. (Not on start: a component's activation error may be logged just before STARTED arrives.)
 */
@Component(service = BundleErrors.class)
public final class BundleErrors implements LogListener, SynchronousBundleListener {

    /** One remembered error. */
    record BundleError(String message, Instant at) {
    }

    private final Map<Long, BundleError> errors = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final LogReaderService logReader;

    @Activate
    public BundleErrors(BundleContext context, @Reference LogReaderService logReader) {
        this.context = context;
        this.logReader = logReader;
        logReader.addLogListener(this);
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        logReader.removeLogListener(this);
    }

    Optional<BundleError> of(Bundle bundle) {
        return Optional.ofNullable(errors.get(bundle.getBundleId()));
    }

    void record(Bundle bundle, String message) {
        errors.put(bundle.getBundleId(), new BundleError(message, Instant.now()));
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getLogLevel() != LogLevel.ERROR) {
            return;
        }
        Bundle culprit = culprit(entry);
        if (culprit != null && culprit.getBundleId() != 0) {
            record(culprit, describe(entry));
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STOPPED, BundleEvent.UPDATED, BundleEvent.UNRESOLVED, BundleEvent.UNINSTALLED ->
                    errors.remove(event.getBundle().getBundleId());
            default -> {
                // other transitions keep the last error visible
            }
        }
    }

    /** The bundle an error is about: the one named by location in the message, else the one that logged it. */
    private Bundle culprit(LogEntry entry) {
        String message = entry.getMessage() == null ? "" : entry.getMessage();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            String path = location.startsWith("file:") ? location.substring(5) : location;
            if (!location.isEmpty() && (message.contains(location) || message.contains(path))) {
                return bundle;
            }
        }
        return entry.getBundle();
    }

    private static String describe(LogEntry entry) {
        Throwable error = entry.getException();
        String message = entry.getMessage();
        if (error == null) {
            return message;
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return message + ": " + cause;
    }
}
