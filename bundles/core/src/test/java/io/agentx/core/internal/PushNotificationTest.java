package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push notifications delivered by HTTP to a real local receiver, in order, retried, and guarded against SSRF. */
class PushNotificationTest {
    private static final RequestContext CALLER = new RequestContext("test", null, List.of(), "1.0", Map.of());

    private HttpServer receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile TaskEvents events;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresToServe.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void everyUpdateIsPostedInOrderWithTheConfiguredCredentials() throws Exception {
        TaskManager manager = manager(true);
        Task task = startWaitingTask(manager);
        TaskPushNotificationConfig created = manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), hookUrl(), "tok",
                        new TaskPushNotificationConfig.Authentication("Bearer", "s3cret")));
        assertEquals(List.of(created), manager.listPushConfigs(CALLER, "waiter", task.id()));
        assertEquals(created, manager.getPushConfig(CALLER, "waiter", task.id(), created.id()));

        failuresToServe.set(1); // the first delivery fails once and is retried
        events.status(TaskState.WORKING, events.agentMessage("step 1"));
        events.completed(events.agentMessage("done"));

        String first = received.poll(10, TimeUnit.SECONDS);
        String second = received.poll(10, TimeUnit.SECONDS);
        assertTrue(first.startsWith("Bearer s3cret {\"statusUpdate\""), first);
        assertTrue(first.contains("TASK_STATE_WORKING") && first.contains("step 1"), first);
        assertTrue(second.contains("TASK_STATE_COMPLETED"), second);
        assertTrue(manager.listPushConfigs(CALLER, "waiter", task.id()).isEmpty(), "configs end with the task");
    }

    @Test
    void registeredDestinationsSurviveAReconfiguration() {
        TaskManager manager = manager(true);
        Task task = startWaitingTask(manager);
        TaskPushNotificationConfig created = manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, "keep", task.id(), hookUrl(), "", null));
        manager.modified(Configs.of(CoreConfig.class, Map.of("pushAllowPrivateDestinations", true, "pushAttempts", 7)));
        assertEquals(List.of(created), manager.listPushConfigs(CALLER, "waiter", task.id()));
    }

    @Test
    void loopbackDestinationsAreRefusedUnlessAllowed() {
        TaskManager manager = manager(false);
        Task task = startWaitingTask(manager);
        A2aException refused = assertThrows(A2aException.class, () -> manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), hookUrl(), null, null)));
        assertEquals(A2aError.INVALID_PARAMS, refused.error());
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        assertThrows(A2aException.class, () -> manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), "ftp://example.com/x", null, null)));
        assertTrue(PushDestinationGuard.isPrivate(new java.net.InetSocketAddress("10.1.2.3", 1).getAddress()));
        assertTrue(PushDestinationGuard.isPrivate(new java.net.InetSocketAddress("169.254.169.254", 1).getAddress()));
    }

    private Task startWaitingTask(TaskManager manager) {
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m1", Role.USER, "wait"),
                new SendMessageRequest.Configuration(List.of(), null, null, true), null);
        Task task = (Task) manager.send(CALLER, "waiter", request);
        for (int i = 0; i < 200 && events == null; i++) {
            sleep();
        }
        return task;
    }

    private TaskManager manager(boolean allowPrivate) {
        MapRouter router = new MapRouter();
        TaskManager manager = new TaskManager(new InMemoryTaskStore(Configs.of(InMemoryTaskStoreConfig.class, Map.of())),
                router, Configs.of(CoreConfig.class, Map.of("pushAllowPrivateDestinations", allowPrivate)));
        router.add("waiter", new Agent() {
            @Override
            public AgentCard card() {
                return new AgentCard("waiter", "", List.of(), null, "1", null, AgentCapabilities.NONE, null, null, null,
                        null, null, null, null);
            }

            @Override
            public void execute(AgentRequest request, TaskEvents taskEvents) {
                events = taskEvents;
            }
        });
        return manager;
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
