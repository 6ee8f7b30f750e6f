package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.A2aService;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentTransport;
import io.agentx.api.RequestContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The gRPC bundle in the framework: a Node or a Python plugin process started by the supervisor from a Config Admin
 * factory configuration becomes an Agent service the task manager calls; cards list the gRPC interface while the bundle is
 * active; stopping the bundle stops the process and removes the agent and the interface, starting it brings all
 * back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginInFrameworkTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("exam.repository", ".."));
    private final String marker = "--exam-" + UUID.randomUUID();

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private A2aService service;
    private org.osgi.service.cm.Configuration plugin;

    @Configuration
    public Option[] config() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return options(AgentxOptions.agentx(),
                    bundle(Path.of(System.getProperty("exam.bundles"), "agentx-grpc.jar").toUri().toString()),
                    frameworkProperty("agentx.grpc.port").value(Integer.toString(socket.getLocalPort())));
        }
    }

    @Before
    public void startPlugin() throws Exception {
        new Http(context).await("/health/ready", 200, "READY");
        plugin = configurationAdmin.getFactoryConfiguration("io.agentx.plugin", "exam-node", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("command", "node");
        properties.put("arguments", new String[] {
                REPOSITORY.resolve("distribution/src/test/js/echo-plugin.mjs").toString(), marker});
        properties.put("workingDirectory", REPOSITORY.resolve("distribution/src/test/js").toString());
        properties.put("environment", new String[] {"AGENT_ID=exam-node"});
        plugin.update(properties);
    }

    @After
    public void removePlugin() throws Exception {
        plugin.delete();
    }

    @Test
    public void aSupervisedNodePluginServesAsAnAgentAndLeavesWithTheBundle() throws Exception {
        assertNotNull("the plugin's agent registered; " + diagnosis(), awaitAgent("exam-node", 30));
        assertEquals("echo me", echo("exam-node", "echo me"));
        assertTrue("the plugin process runs", pluginProcessAlive());
        assertNotNull("cards list the gRPC interface", context.getServiceReference(AgentTransport.class));

        Bundle grpc = Bundles.named(context, "io.agentx.grpc");
        grpc.stop();
        assertEquals("the agent left with the bundle", 0,
                context.getServiceReferences(Agent.class, "(" + AgentId.NAME + "=exam-node)").size());
        assertFalse("stopping the bundle stopped the plugin process", pluginProcessAlive());
        assertEquals("no gRPC interface without the bundle", null, context.getServiceReference(AgentTransport.class));

        grpc.start();
        assertNotNull("the plugin came back with the bundle", awaitAgent("exam-node", 30));
        assertEquals("again", echo("exam-node", "again"));
    }

    @Test
    public void aSupervisedPythonPluginServesAsAnAgentAndLeavesWithItsConfiguration() throws Exception {
        org.osgi.service.cm.Configuration python = configurationAdmin.getFactoryConfiguration("io.agentx.plugin",
                "exam-python", "?");
        String pythonMarker = marker + "-python";
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("command", "/usr/bin/python3");
        properties.put("arguments", new String[] {
                REPOSITORY.resolve("distribution/src/test/plugins/echo_plugin.py").toString(), pythonMarker});
        properties.put("environment", new String[] {"AGENT_ID=exam-python",
                "PYTHONPATH=" + REPOSITORY.resolve("sdks/python")});
        python.update(properties);
        try {
            assertNotNull("the Python plugin's agent registered; " + diagnosis(), awaitAgent("exam-python", 30));
            assertEquals("hello from Java", echo("exam-python", "hello from Java"));
            assertTrue("the Python process runs", processAlive(pythonMarker));
        } finally {
            python.delete();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (processAlive(pythonMarker) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse("removing its configuration stopped the Python process", processAlive(pythonMarker));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (service.card("exam-python").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse("its agent left with it", service.card("exam-python").isPresent());
    }

    private String echo(String agentId, String text) {
        SendMessageRequest request = new SendMessageRequest(null, Message.text(UUID.randomUUID().toString(), Role.USER,
                text), SendMessageRequest.Configuration.DEFAULT, null);
        StreamEvent answer = service.send(RequestContext.internal(), agentId, request);
        assertTrue("a task: " + answer, answer instanceof Task);
        Task task = (Task) answer;
        assertEquals(TaskState.COMPLETED, task.status().state());
        return task.status().message().text();
    }

    private ServiceReference<Agent> awaitAgent(String agentId, int seconds) throws Exception {
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Agent.class.getName() + ")(" + AgentId.NAME + "=" + agentId + "))"),
                null);
        tracker.open();
        try {
            tracker.waitForService(TimeUnit.SECONDS.toMillis(seconds));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (service.card(agentId).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // the router swaps in its new snapshot
            }
            return service.card(agentId).isPresent() ? tracker.getServiceReference() : null;
        } finally {
            tracker.close();
        }
    }

    /** What to look at when the plugin does not come up. */
    private String diagnosis() throws Exception {
        Bundle grpc = Bundles.named(context, "io.agentx.grpc");
        return "io.agentx.grpc is in state " + grpc.getState() + ", gRPC server " + (context.getServiceReference(AgentTransport.class) != null ? "up" : "down") + ", config " + java.util.Arrays.toString(configurationAdmin.listConfigurations("(service.factoryPid=io.agentx.plugin)")) + "; plugins: " + new Http(context).get("/api/v1/plugins").body();
    }

    private boolean pluginProcessAlive() {
        return processAlive(marker);
    }

    private static boolean processAlive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(process -> process.info().arguments()
                .map(arguments -> java.util.Arrays.asList(arguments).contains(marker)).orElse(false));
    }
}
