package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuration reaches components live; invalid configuration is turned away and the last valid one stays. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationTest {
    private static final String PID = "io.agentx.examples.hello";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    private Http http;

    @Configuration
    public Option[] config() {
        return options(AgentxOptions.agentx(), AgentxOptions.example());
    }

    @Before
    public void awaitReady() throws Exception {
        http = new Http(context);
        http.await("/health/ready", 200, "READY");
        http.await("/hello", 200, "");
    }

    @Test
    public void configurationIsAppliedLiveWithoutRestartingUnrelatedComponents() throws Exception {
        Object managementServiceId = managementApi().getProperty("service.id");
        Object helloServiceId = helloServlet().getProperty("service.id");

        update("greeting", "Servus", "repeat", 2);
        http.await("/hello?name=Ada", 200, "Servus Servus, Ada!");

        assertEquals("the component was modified, not restarted", helloServiceId, helloServlet().getProperty("service.id"));
        assertEquals("unrelated components untouched", managementServiceId, managementApi().getProperty("service.id"));
    }

    @Test
    public void invalidConfigurationIsRejectedAndTheLastValidOneStays() throws Exception {
        update("greeting", "Ciao", "repeat", 3);
        http.await("/hello?name=Bo", 200, "Ciao Ciao Ciao, Bo!");

        // as a file in config/ or the Web Console would: straight into Config Admin
        update("greeting", "Nope", "repeat", "zero");
        HttpResponse<String> view = awaitRejected();
        assertTrue(view.body(), view.body().contains("\"property\":\"repeat\""));
        assertTrue(http.get("/hello?name=Bo").body().contains("Ciao Ciao Ciao, Bo!"));

        // through the API: refused up front, nothing changes
        HttpResponse<String> refused = http.send("PUT", "/api/v1/configurations/" + PID, "application/json",
                "{\"greeting\":\"Nope\",\"style\":\"whisper\"}".getBytes());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("expected one of plain, shout"));
        assertTrue(http.get("/hello?name=Bo").body().contains("Ciao Ciao Ciao, Bo!"));

        HttpResponse<String> accepted = http.send("PUT", "/api/v1/configurations/" + PID, "application/json",
                "{\"greeting\":\"Hej\",\"style\":\"shout\"}".getBytes());
        assertEquals(accepted.body(), 200, accepted.statusCode());
        http.await("/hello?name=Bo", 200, "HEJ, BO!");
    }

    private void update(Object... keyValues) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        configurationAdmin.getConfiguration(PID, "?").update(properties);
    }

    private HttpResponse<String> awaitRejected() throws Exception {
        HttpResponse<String> view = null;
        for (int i = 0; i < 200; i++) {
            view = http.get("/api/v1/configurations/" + PID);
            if (view.body().contains("\"rejected\"")) {
                return view;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("configuration was not rejected: " + (view == null ? "" : view.body()));
    }

    private ServiceReference<?> helloServlet() throws Exception {
        return context.getServiceReferences("jakarta.servlet.Servlet", "(osgi.http.whiteboard.servlet.name=agentx-hello-example)")[0];
    }

    private ServiceReference<?> managementApi() throws Exception {
        return context.getServiceReferences("jakarta.servlet.Servlet", "(osgi.http.whiteboard.servlet.name=agentx-management-api)")[0];
    }
}
