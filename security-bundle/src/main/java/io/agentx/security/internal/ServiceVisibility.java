package io.agentx.security.internal;

import java.io.File;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides protected services (the task store, key material, configuration, databases…) from untrusted bundles:
 * those installed through the management API ({@code agentx-api:} locations) or from a {@code deploy/} folder
 * watched by File Install, and those whose symbolic name is configured as restricted. Lookups ({@link FindHook})
 * and service events ({@link EventListenerHook}, which Declarative Services and trackers rely on) are filtered
 * alike, so such a bundle can neither find nor be told about a service it was not granted.
 */
@Component(service = {FindHook.class, EventListenerHook.class}, immediate = true,
        configurationPid = "io.agentx.security.services")
@Designate(ocd = ServiceVisibilityConfig.class)
public final class ServiceVisibility implements FindHook, EventListenerHook {
    static final String API_LOCATION_PREFIX = "agentx-api:";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceVisibility.class);

    private final List<String> deployFolders;
    private volatile VisibilityRules rules;

    @Activate
    public ServiceVisibility(BundleContext context, ServiceVisibilityConfig config) {
        this(deployFolders(context.getProperty("felix.fileinstall.dir")), config);
    }

    ServiceVisibility(List<String> deployFolders, ServiceVisibilityConfig config) {
        this.deployFolders = deployFolders;
        modified(config);
    }

    @Modified
    void modified(ServiceVisibilityConfig config) {
        try {
            rules = new VisibilityRules(config.protectedServices(), config.restrictedBundles(), config.grants());
        } catch (IllegalArgumentException e) {
            LOG.error("PID io.agentx.security.services is invalid ({}); untrusted bundles see no protected service",
                    e.getMessage());
            rules = new VisibilityRules(config.protectedServices(), config.restrictedBundles(), new String[0]);
        }
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle bundle = context.getBundle();
        if (!untrusted(bundle)) {
            return;
        }
        references.removeIf(reference -> !rules.visible(bundle.getSymbolicName(), objectClasses(reference)));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        String[] objectClasses = objectClasses(event.getServiceReference());
        listeners.keySet().removeIf(context -> {
            Bundle bundle = context.getBundle();
            return untrusted(bundle) && !rules.visible(bundle.getSymbolicName(), objectClasses);
        });
    }

    /** Whether the bundle gets the untrusted profile. */
    boolean untrusted(Bundle bundle) {
        if (bundle == null || bundle.getBundleId() == 0) {
            return false;
        }
        if (rules.restricted(bundle.getSymbolicName())) {
            return true;
        }
        String location = bundle.getLocation();
        if (location.startsWith(API_LOCATION_PREFIX)) {
            return true;
        }
        return deployFolders.stream().anyMatch(location::startsWith);
    }

    private static String[] objectClasses(ServiceReference<?> reference) {
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        return classes instanceof String[] names ? names : new String[0];
    }

    /** The location prefixes of File Install's folders other than config/ (where bundles are deployed). */
    static List<String> deployFolders(String fileInstallDirs) {
        if (fileInstallDirs == null || fileInstallDirs.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(fileInstallDirs.split(",")).map(String::strip).filter(dir -> !dir.isEmpty())
                .map(dir -> new File(dir).getAbsoluteFile().toURI())
                .map(URI::toString).map(uri -> uri.endsWith("/") ? uri : uri + "/").toList();
    }
}
