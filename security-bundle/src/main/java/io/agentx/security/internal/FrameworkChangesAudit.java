package io.agentx.security.internal;

import io.agentx.security.api.AuditLog;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Audits every change to the running system whatever made it — the management API, the Web Console, a jar
 * dropped into {@code deploy/}, a file in {@code config/}: bundles installed, updated and uninstalled, and
 * configurations updated and deleted ({@code framework.bundle.*}, {@code framework.config.*}). The management API
 * adds its own entries naming the principal who asked.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class FrameworkChangesAudit implements ConfigurationListener, SynchronousBundleListener {
    private final AuditLog audit;
    private final BundleContext context;

    @Activate
    public FrameworkChangesAudit(BundleContext context, @Reference AuditLog audit) {
        this.context = context;
        this.audit = audit;
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "framework.bundle.installed";
            case BundleEvent.UPDATED -> "framework.bundle.updated";
            case BundleEvent.UNINSTALLED -> "framework.bundle.uninstalled";
            default -> null;
        };
        if (action != null) {
            Bundle bundle = event.getBundle();
            audit.record(action, null, "success", AuditTrail.details("bundle", bundle.getSymbolicName(),
                    "version", bundle.getVersion().toString(), "id", bundle.getBundleId(), "location", bundle.getLocation()));
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String action = switch (event.getType()) {
            case ConfigurationEvent.CM_UPDATED -> "framework.config.updated";
            case ConfigurationEvent.CM_DELETED -> "framework.config.deleted";
            default -> null;
        };
        if (action != null) {
            audit.record(action, null, "success", Map.of("pid", event.getPid()));
        }
    }
}
