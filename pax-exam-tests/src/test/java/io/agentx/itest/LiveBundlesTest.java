package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Installing, updating and uninstalling bundles while the framework runs, through the management API. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveBundlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = "application/java-archive";

    @Inject
    private BundleContext context;
    private Http http;

    @Configuration
    public Option[] config() {
        return options(AgentxOptions.agentx());
    }

    @Before
    public void awaitReady() throws Exception {
        http = new Http(context);
        http.await("/health/live", 200, "UP");
        http.await("/api/v1/bundles", 200, "io.agentx.management");
    }

    @Test
    public void installUpdateAndUninstall() throws Exception {
        HttpResponse<String> installed = http.send("POST", "/api/v1/bundles", JAR, FixtureJars.example("5.0.0"));
        assertEquals(installed.body(), 201, installed.statusCode());
        long id = JSON.readTree(installed.body()).get("id").asLong();
        Bundle bundle = context.getBundle(id);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        http.await("/hello", 200, "(example 5.0.0)");

        assertEquals(200, http.send("PUT", "/api/v1/bundles/" + id, JAR, FixtureJars.example("5.1.0")).statusCode());
        assertEquals("5.1.0", bundle.getVersion().toString());
        assertEquals(Bundle.ACTIVE, bundle.getState());
        http.await("/hello", 200, "(example 5.1.0)");

        assertEquals(204, http.send("DELETE", "/api/v1/bundles/" + id, null, new byte[0]).statusCode());
        assertEquals(Bundle.UNINSTALLED, bundle.getState());
        http.await("/hello", 404, "");
    }

    @Test
    public void updateRefreshesOnlyTheBundlesWiredToIt() throws Exception {
        long library = install(FixtureJars.manifestOnly("fixture.library", "1.0.0",
                Map.of("Export-Package", "fixture.library;version=1.0.0")));
        long consumer = install(FixtureJars.manifestOnly("fixture.consumer", "1.0.0",
                Map.of("Import-Package", "fixture.library;version=\"[1,2)\"")));
        assertEquals(Bundle.ACTIVE, context.getBundle(consumer).getState());

        Bundle unrelated = FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles()[0];
        ServiceReference<?> healthServlet = context.getServiceReferences("jakarta.servlet.Servlet",
                "(osgi.http.whiteboard.servlet.name=agentx-health)")[0];
        Object healthServiceId = healthServlet.getProperty("service.id");
        Bundle healthBundle = healthServlet.getBundle();
        List<String> events = new CopyOnWriteArrayList<>();
        // synchronous: every event is recorded before the update call returns (plain listeners are called later)
        SynchronousBundleListener recorder = event -> events.add(event.getBundle().getSymbolicName() + " " + type(event));
        context.addBundleListener(recorder);
        try {
            HttpResponse<String> updated = http.send("PUT", "/api/v1/bundles/" + library, JAR,
                    FixtureJars.manifestOnly("fixture.library", "1.1.0", Map.of("Export-Package", "fixture.library;version=1.1.0")));
            assertEquals(updated.body(), 200, updated.statusCode());
        } finally {
            context.removeBundleListener(recorder);
        }
        assertTrue("the importer was refreshed: " + events, events.contains("fixture.consumer UNRESOLVED"));
        assertEquals(Bundle.ACTIVE, context.getBundle(consumer).getState());
        assertFalse("no other bundle was touched: " + events,
                events.stream().anyMatch(e -> !e.startsWith("fixture.")));
        ServiceReference<?> after = context.getServiceReferences("jakarta.servlet.Servlet",
                "(osgi.http.whiteboard.servlet.name=agentx-health)")[0];
        assertEquals("same service identity", healthServiceId, after.getProperty("service.id"));
        assertEquals(Bundle.ACTIVE, healthBundle.getState());
        assertEquals(Bundle.ACTIVE, unrelated.getState());
    }

    @Test
    public void brokenBundlesAreReportedAndEverythingElseKeepsServing() throws Exception {
        HttpResponse<String> unresolvable = http.send("POST", "/api/v1/bundles", JAR, FixtureJars.manifestOnly(
                "fixture.unresolvable", "1.0.0", Map.of("Import-Package", "no.such.package")));
        assertEquals(201, unresolvable.statusCode());
        JsonNode view = JSON.readTree(unresolvable.body());
        assertEquals("INSTALLED", view.get("state").asText());
        assertTrue(view.toString(), view.get("problems").toString().contains("no.such.package"));

        HttpResponse<String> exploding = http.send("POST", "/api/v1/bundles", JAR,
                FixtureJars.explodingComponent("fixture.exploding"));
        assertEquals(201, exploding.statusCode());
        long id = JSON.readTree(exploding.body()).get("id").asLong();
        JsonNode reported = awaitProblem(id, "BOOM");
        assertTrue(reported.toString(), reported.get("problems").toString().contains("fixture.exploding"));

        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (!name.startsWith("fixture.") && bundle.getHeaders().get("Fragment-Host") == null) {
                assertEquals(name + " still active", Bundle.ACTIVE, bundle.getState());
            }
        }
        http.await("/health/live", 200, "UP");
        assertEquals(200, http.get("/api/v1/bundles").statusCode());
        HttpResponse<String> ready = http.get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body(), ready.body().contains("activation failed: java.lang.IllegalStateException: BOOM"));

        assertEquals(204, http.send("DELETE", "/api/v1/bundles/" + id, null, new byte[0]).statusCode());
        assertEquals(204, http.send("DELETE", "/api/v1/bundles/" + view.get("id").asLong(), null, new byte[0]).statusCode());
        http.await("/health/ready", 200, "READY");
    }

    private long install(byte[] jar) throws Exception {
        HttpResponse<String> response = http.send("POST", "/api/v1/bundles", JAR, jar);
        assertEquals(response.body(), 201, response.statusCode());
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private JsonNode awaitProblem(long id, String text) throws Exception {
        JsonNode view = null;
        for (int i = 0; i < 200; i++) {
            view = JSON.readTree(http.get("/api/v1/bundles/" + id).body());
            if (view.get("problems").toString().contains(text)) {
                return view;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("bundle " + id + " never reported '" + text + "': " + view);
    }

    private static String type(BundleEvent event) {
        return switch (event.getType()) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "EVENT " + event.getType();
        };
    }
}
