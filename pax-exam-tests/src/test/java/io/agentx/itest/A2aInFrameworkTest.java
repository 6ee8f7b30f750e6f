package io.agentx.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.A2aService;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentRequest;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import java.net.http.HttpResponse;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
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

/** The task manager and the A2A transports as real bundles: agents come and go while requests are served. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class A2aInFrameworkTest {
    private static final String JSON_RPC_SEND = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"SendMessage\",\"params\":"
            + "{\"message\":{\"messageId\":\"m-%s\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"%s\"}]}}}";

    @Inject
    private BundleContext context;
    @Inject
    private A2aService service;
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
    public void theEchoAgentServesThroughTheServiceAndOverJsonRpc() throws Exception {
        Task task = (Task) service.send(RequestContext.internal(), "echo",
                new SendMessageRequest(null, Message.text("m1", Role.USER, "in framework"), null, null));
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals("in framework", task.status().message().text());

        HttpResponse<String> answer = jsonRpc("/agents/echo", "over http");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body(), answer.body().contains("\"TASK_STATE_COMPLETED\"") && answer.body().contains("over http"));
    }

    @Test
    public void anAgentRegisteredAtRunTimeIsServedAndGoneWhenUnregistered() throws Exception {
        assertEquals(404, http.get("/agents/greeter/.well-known/agent-card.json").statusCode());
        Hashtable<String, Object> properties = new Hashtable<>(Map.of(AgentId.NAME, "greeter"));
        ServiceRegistration<Agent> registration = context.registerService(Agent.class, new Greeter(), properties);
        try {
            HttpResponse<String> card = http.await("/agents/greeter/.well-known/agent-card.json", 200, "Greeter");
            assertTrue(card.body(), card.body().contains("/agents/greeter/rest"));
            HttpResponse<String> answer = jsonRpc("/agents/greeter", "Ada");
            assertTrue(answer.body(), answer.body().contains("Hello, Ada"));
            assertTrue(http.get("/.well-known/agent-card.json").body().contains("greeter/greet"));
        } finally {
            registration.unregister();
        }
        http.await("/agents/greeter/.well-known/agent-card.json", 404, "");
    }

    @Test
    public void restartingTheTransportBundleRestoresService() throws Exception {
        Bundle transports = Bundles.named(context, "io.agentx.http");
        transports.stop();
        http.await("/agents/echo/.well-known/agent-card.json", 404, "");
        transports.start();
        HttpResponse<String> card = http.await("/agents/echo/.well-known/agent-card.json", 200, "Echo");
        assertTrue(card.body().contains("\"protocolVersion\":\"1.0\""));
        assertTrue(jsonRpc("/agents/echo", "back").body().contains("TASK_STATE_COMPLETED"));
    }

    private HttpResponse<String> jsonRpc(String path, String text) throws Exception {
        return http.sendWithHeaders("POST", path, "application/json",
                String.format(JSON_RPC_SEND, System.nanoTime(), text).getBytes(), Map.of("A2A-Version", "1.0"));
    }


    /** An agent contributed at run time, like a plugin would. */
    private static final class Greeter implements Agent {
        @Override
        public AgentCard card() {
            return new AgentCard("Greeter", "Greets", List.of(), null, "1.0", null,
                    new AgentCapabilities(false, false, List.of(), false), null, null, List.of("text/plain"),
                    List.of("text/plain"), List.of(new io.agentx.a2a.model.AgentSkill("greet", "Greet", "Says hello",
                            List.of("greeting"), null, null, null, null)), null, null);
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            events.completed(events.agentMessage("Hello, " + request.message().text()));
        }
    }
}
