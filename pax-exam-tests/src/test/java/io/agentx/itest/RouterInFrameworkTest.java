package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.AgentRequest;
import io.agentx.api.TaskEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The router as a real bundle: replicas are Agent services that come and go, remote agents come from Config Admin. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouterInFrameworkTest {
    private static final String JSON_RPC_SEND = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"SendMessage\",\"params\":"
            + "{\"message\":{\"messageId\":\"m-%s\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"%s\"}]}}}";

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configurationAdmin;
    private Http http;

    @Configuration
    public Option[] config() {
        return options(AgentxOptions.agentx());
    }

    @Before
    public void awaitReady() throws Exception {
        http = new Http(context);
        http.await("/health/ready", 200, "READY");
    }

    @Test
    public void replicasRegisteredAsServicesShareTheTrafficAndOneLeavingLeavesTheOtherServing() throws Exception {
        ServiceRegistration<Agent> left = context.registerService(Agent.class, new Named("left"), replica("twin", "left"));
        ServiceRegistration<Agent> right = context.registerService(Agent.class, new Named("right"), replica("twin", "right"));
        try {
            http.await("/api/v1/agents/twin", 200, "\"healthyReplicas\":2");
            assertEquals(Map.of("left", 5, "right", 5), answers("/agents/twin", 10));
            right.unregister();
            right = null;
            http.await("/api/v1/agents/twin", 200, "\"healthyReplicas\":1");
            assertEquals(Map.of("left", 6), answers("/agents/twin", 6));
            HttpResponse<String> listing = http.get("/api/v1/agents/twin");
            assertTrue(listing.body(), listing.body().contains("\"requests\":11") && listing.body().contains("round-robin"));
        } finally {
            left.unregister();
            if (right != null) {
                right.unregister();
            }
        }
        http.await("/agents/twin/.well-known/agent-card.json", 404, "");
    }

    @Test
    public void aRemoteAgentConfiguredLiveIsCallableAndGoneWhenItsConfigurationIsDeleted() throws Exception {
        org.osgi.service.cm.Configuration remote = configurationAdmin.getFactoryConfiguration("io.agentx.router.remote",
                "loopback", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("agentId", "loopback");
        properties.put("cardUrls", new String[] {"http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port")
            + "/agents/echo/.well-known/agent-card.json"});
        properties.put("healthIntervalMillis", 200);
        // AgentX calling itself authenticates like any caller: with a key issued for the purpose
        org.osgi.framework.ServiceReference<io.agentx.security.api.ApiKeys> keys =
                context.getServiceReference(io.agentx.security.api.ApiKeys.class);
        properties.put("apiKey", context.getService(keys).issue("loopback-router", null, java.util.Set.of(), null).key());
        context.ungetService(keys);
        remote.update(properties);
        try {
            http.await("/api/v1/agents/loopback", 200, "\"healthyReplicas\":1");
            HttpResponse<String> answer = jsonRpc("/agents/loopback", "through the router");
            assertTrue(answer.body(), answer.body().contains("TASK_STATE_COMPLETED")
                    && answer.body().contains("through the router"));
        } finally {
            remote.delete();
        }
        http.await("/agents/loopback/.well-known/agent-card.json", 404, "");
    }

    @Test
    public void aMeterRegistryServiceReceivesThePerReplicaMetrics() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ServiceRegistration<MeterRegistry> registration = context.registerService(MeterRegistry.class, registry, null);
        try {
            for (int i = 0; i < 3; i++) {
                assertTrue(jsonRpc("/agents/echo", "counted").body().contains("TASK_STATE_COMPLETED"));
            }
            Counter requests = registry.find("agentx.router.requests").tag("agent", "echo").counter();
            assertTrue("the router's meters reach a registry another bundle publishes", requests != null);
            assertTrue("requests counted: " + requests.count(), requests.count() >= 3);
            assertTrue(registry.find("agentx.router.latency").tag("agent", "echo").timer().count() >= 3);
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void restartingTheRouterBundleRestoresService() throws Exception {
        Bundle router = Bundles.named(context, "io.agentx.router");
        router.stop();
        http.await("/agents/echo/.well-known/agent-card.json", 404, "");
        router.start();
        http.await("/agents/echo/.well-known/agent-card.json", 200, "Echo");
        assertTrue(jsonRpc("/agents/echo", "back").body().contains("TASK_STATE_COMPLETED"));
    }

    private Map<String, Integer> answers(String path, int requests) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            String body = jsonRpc(path, "who").body();
            String replica = body.contains("answered by left") ? "left" : body.contains("answered by right") ? "right" : body;
            counts.merge(replica, 1, Integer::sum);
        }
        return counts;
    }

    private static Hashtable<String, Object> replica(String agentId, String name) {
        return new Hashtable<>(Map.of(AgentId.NAME, agentId, AgentReplica.NAME, name));
    }

    private HttpResponse<String> jsonRpc(String path, String text) throws Exception {
        return http.sendWithHeaders("POST", path, "application/json",
                String.format(JSON_RPC_SEND, System.nanoTime(), text).getBytes(), Map.of("A2A-Version", "1.0"));
    }


    /** A replica that says which one it is. */
    private static final class Named implements Agent {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public AgentCard card() {
            return new AgentCard("Twin", "One of two replicas", List.of(), null, "1.0", null,
                    new AgentCapabilities(false, false, List.of(), false), null, null, List.of("text/plain"),
                    List.of("text/plain"), List.of(), null, null);
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            events.completed(events.agentMessage("answered by " + name));
        }
    }
}
