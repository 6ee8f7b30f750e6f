package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Service visibility in the running framework: a bundle installed through the management API (or deploy/), or
 * a restricted adapter, cannot find, track or be told about the task store, the key material, Config Admin or
 * the databases; a grant opens exactly what it names; the distribution's own bundles see everything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServiceVisibilityTest {
    private static final String[] PROTECTED = {"io.agentx.api.TaskStore", "io.agentx.security.api.ApiKeys",
        "io.agentx.security.api.CallGuard", "io.agentx.security.api.Authenticator",
        "org.osgi.service.cm.ConfigurationAdmin", "org.osgi.service.jdbc.DataSourceFactory"};

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    private final List<Bundle> installed = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return options(AgentxOptions.agentx());
    }

    @After
    public void cleanUp() throws Exception {
        for (Bundle bundle : installed) {
            bundle.uninstall();
        }
        configurationAdmin.getConfiguration("io.agentx.security.services", "?").delete();
    }

    @Test
    public void aBundleInstalledThroughTheApiSeesNoProtectedService() throws Exception {
        BundleContext trusted = start("file:/opt/agentx/bundles/e2e.trusted.jar", "e2e.trusted");
        for (String name : PROTECTED) {
            assertNotNull("the distribution's own bundles see " + name, trusted.getServiceReference(name));
        }
        BundleContext untrusted = start("agentx-api:e2e.untrusted/1.0.0", "e2e.untrusted");
        for (String name : PROTECTED) {
            assertNull("an uploaded bundle must not find " + name, untrusted.getServiceReference(name));
            assertNull(untrusted.getServiceReferences(name, null));
            assertNull(untrusted.getAllServiceReferences(name, null));
        }
        assertNotNull("unprotected services stay visible", untrusted.getServiceReference("io.agentx.api.A2aService"));
    }

    @Test
    public void aBundleDroppedIntoAWatchedFolderSeesNoProtectedService() throws Exception {
        // File Install installs a jar of its folder under the file's URI
        String folder = context.getProperty("felix.fileinstall.dir").split(",")[0];
        BundleContext deployed = start(new java.io.File(folder, "dropped.jar").toURI().toString(), "e2e.dropped");
        for (String name : PROTECTED) {
            assertNull("a deployed bundle must not find " + name, deployed.getServiceReference(name));
        }
    }

    @Test
    public void aRestrictedAdapterIsUntrustedWhereverItCameFrom() throws Exception {
        BundleContext adapter = start("file:/opt/agentx/bundles/adapter.jar", "io.agentx.adapter.fake");
        assertNull(adapter.getServiceReference("io.agentx.api.TaskStore"));
        assertNull(adapter.getServiceReference("io.agentx.security.api.ApiKeys"));
    }

    @Test
    public void anUntrustedBundleIsNotToldAboutProtectedServices() throws Exception {
        configure(Map.of("protectedServices", new String[] {"java.lang.Runnable"}));
        BundleContext untrusted = start("agentx-api:e2e.listener/1.0.0", "e2e.listener");
        BundleContext trusted = start("file:/opt/agentx/bundles/e2e.witness.jar", "e2e.witness");
        List<String> heardByUntrusted = new CopyOnWriteArrayList<>();
        List<String> heardByTrusted = new CopyOnWriteArrayList<>();
        ServiceListener untrustedListener = event -> heardByUntrusted.add(type(event));
        ServiceListener trustedListener = event -> heardByTrusted.add(type(event));
        awaitHidden(untrusted, "java.lang.Runnable");
        untrusted.addServiceListener(untrustedListener, "(objectClass=java.lang.Runnable)");
        trusted.addServiceListener(trustedListener, "(objectClass=java.lang.Runnable)");
        ServiceRegistration<Runnable> registration = context.registerService(Runnable.class, () -> { }, null);
        registration.unregister();
        assertEquals(List.of("REGISTERED", "UNREGISTERING"), heardByTrusted);
        assertEquals("no event about a protected service reaches an untrusted bundle", List.of(), heardByUntrusted);
    }

    @Test
    public void aGrantOpensExactlyTheServicesItNames() throws Exception {
        BundleContext untrusted = start("agentx-api:e2e.granted/1.0.0", "e2e.granted");
        assertNull(untrusted.getServiceReference("io.agentx.api.TaskStore"));
        configure(Map.of("grants", new String[] {"e2e.granted -> io.agentx.api.TaskStore"}));
        long deadline = System.currentTimeMillis() + 10_000;
        while (untrusted.getServiceReference("io.agentx.api.TaskStore") == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(25);
        }
        assertNotNull("granted", untrusted.getServiceReference("io.agentx.api.TaskStore"));
        assertNull("not granted", untrusted.getServiceReference("io.agentx.security.api.ApiKeys"));
        assertNull("not granted", untrusted.getServiceReference("org.osgi.service.cm.ConfigurationAdmin"));
    }

    private BundleContext start(String location, String symbolicName) throws Exception {
        Bundle bundle = context.installBundle(location,
                new ByteArrayInputStream(FixtureJars.manifestOnly(symbolicName, "1.0.0", Map.of())));
        installed.add(bundle);
        bundle.start();
        assertTrue(bundle.getState() == Bundle.ACTIVE);
        return bundle.getBundleContext();
    }

    private void configure(Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        configurationAdmin.getConfiguration("io.agentx.security.services", "?").update(dictionary);
    }

    /** Waits until the new configuration applies (Config Admin delivers it asynchronously). */
    private void awaitHidden(BundleContext untrusted, String name) throws Exception {
        ServiceRegistration<Runnable> probe = context.registerService(Runnable.class, () -> { }, null);
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (untrusted.getServiceReference(name) != null && System.currentTimeMillis() < deadline) {
                Thread.sleep(25);
            }
            assertNull(untrusted.getServiceReference(name));
        } finally {
            probe.unregister();
        }
    }

    private static String type(ServiceEvent event) {
        return switch (event.getType()) {
            case ServiceEvent.REGISTERED -> "REGISTERED";
            case ServiceEvent.UNREGISTERING -> "UNREGISTERING";
            default -> "MODIFIED";
        };
    }
}
