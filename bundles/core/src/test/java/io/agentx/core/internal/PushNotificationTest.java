package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
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

/**
 * Push notifications delivered by HTTP to a real local receiver, in order, retried, and guarded against SSRF,
 * also when a destination's host name resolves to another address when connecting than when checked.
 */
class PushNotificationTest {
    private static final RequestContext CALLER = new RequestContext("test", null, List.of(), "1.0", Map.of());
    /** A public address (TEST-NET-3, never routed) that a hostile name server answers before rebinding. */
    private static final InetAddress PUBLIC = address("203.0.113.7");
    private static final InetAddress LOOPBACK = address("127.0.0.1");

    private HttpServer receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** The Host, Content-Type, Authorization and X-A2A-Notification-Token headers of each delivery received. */
    private final BlockingQueue<Map<String, String>> receivedHeaders = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    /** When each delivery attempt arrived, failed or not (System.nanoTime). */
    private final List<Long> attemptsAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile TaskEvents events;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            attemptsAt.add(System.nanoTime());
            if (failuresToServe.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                Map<String, String> headers = new java.util.TreeMap<>();
                for (String name : List.of("Host", "Content-Type", "Authorization", "X-A2A-Notification-Token")) {
                    String value = exchange.getRequestHeaders().getFirst(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                receivedHeaders.add(headers);
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
    void aDestinationNamedInASendsConfigurationGetsTheTasksEventsFromTheFirst() throws Exception {
        TaskManager manager = manager(true);
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m1", Role.USER, "wait"),
                new SendMessageRequest.Configuration(List.of(), new TaskPushNotificationConfig(null, null, null,
                        hookUrl(), "tok", null), null, true), null);
        Task task = (Task) manager.send(CALLER, "waiter", request);
        for (int i = 0; i < 200 && events == null; i++) {
            sleep();
        }
        assertEquals(1, manager.listPushConfigs(CALLER, "waiter", task.id()).size(), "registered on the new task");
        events.status(TaskState.WORKING, events.agentMessage("step 1"));
        events.completed(events.agentMessage("done"));
        String first = received.poll(10, TimeUnit.SECONDS);
        String second = received.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null && first.contains("\"statusUpdate\"") && first.contains(task.id())
                && first.contains("step 1"), String.valueOf(first));
        assertTrue(second != null && second.contains("TASK_STATE_COMPLETED"), String.valueOf(second));
    }

    @Test
    void aSendNamingADestinationThatMayNotBeUsedIsRefusedBeforeAnyTaskStarts() {
        TaskManager manager = manager(false);
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m1", Role.USER, "wait"),
                new SendMessageRequest.Configuration(List.of(), new TaskPushNotificationConfig(null, null, null,
                        hookUrl(), null, null), null, true), null);
        A2aException refused = assertThrows(A2aException.class, () -> manager.send(CALLER, "waiter", request));
        assertEquals(A2aError.INVALID_PARAMS, refused.error());
        assertTrue(refused.getMessage().contains("configuration.taskPushNotificationConfig.url")
                && refused.getMessage().contains("loopback"), refused.getMessage());
        assertEquals(0, manager.list(CALLER, "waiter", new io.agentx.a2a.model.ListTasksRequest(null, null, null, null,
                null, null, null, false)).totalSize(), "no task was created");
        assertNull(events, "the agent was not called");
    }

    @Test
    void aDestinationSetByAn03ClientGetsTheTaskIn03Form() throws Exception {
        TaskManager manager = manager(true);
        Task task = startWaitingTask(manager);
        RequestContext legacyCaller = new RequestContext("test", null, List.of(), "0.3", Map.of());
        manager.createPushConfig(legacyCaller, "waiter", new TaskPushNotificationConfig(null, null, task.id(), hookUrl(),
                null, null));
        events.completed(events.agentMessage("done"));
        String pushed = received.poll(10, TimeUnit.SECONDS);
        assertTrue(pushed != null && pushed.contains("\"kind\":\"task\"") && pushed.contains("\"id\":\"" + task.id() + "\"")
                && pushed.contains("\"state\":\"completed\""), String.valueOf(pushed));
    }

    @Test
    void aFailingDestinationIsTriedAgainAfterDoublingPausesThenGivenUp() throws Exception {
        TaskManager manager = manager(Map.of("pushAllowPrivateDestinations", true, "pushAttempts", 4), HostResolver.SYSTEM);
        Task task = startWaitingTask(manager);
        manager.createPushConfig(CALLER, "waiter", new TaskPushNotificationConfig(null, null, task.id(), hookUrl(), null,
                null));
        failuresToServe.set(3); // 503 three times: the fourth and last attempt gets through
        events.completed(events.agentMessage("done"));
        assertNotNull(received.poll(10, TimeUnit.SECONDS), "delivered on the last attempt");
        assertEquals(4, attemptsAt.size());
        long[] pausedAtLeast = {250, 500, 1000};
        for (int i = 0; i < pausedAtLeast.length; i++) {
            long paused = (attemptsAt.get(i + 1) - attemptsAt.get(i)) / 1_000_000;
            assertTrue(paused >= pausedAtLeast[i], "attempt " + (i + 2) + " came " + paused + " ms after the one before, "
                    + "before its " + pausedAtLeast[i] + " ms backoff");
        }

        Task second = startWaitingTaskAgain(manager);
        manager.createPushConfig(CALLER, "waiter", new TaskPushNotificationConfig(null, null, second.id(), hookUrl(), null,
                null));
        attemptsAt.clear();
        failuresToServe.set(10);
        events.completed(events.agentMessage("done"));
        assertNotNull(RecordedLogs.await(line -> line.contains("for task " + second.id() + " gave up after 4 attempt(s)"),
                10, TimeUnit.SECONDS), "a destination that keeps failing is given up, saying so");
        assertEquals(4, attemptsAt.size(), "no more than pushAttempts");
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

    @Test
    void aHostResolvingToLoopbackOnlyWhenConnectingIsRefused() throws Exception {
        Rebinding dns = new Rebinding("rebind.example.test", 1);
        TaskManager manager = manager(Map.of("pushAllowPrivateDestinations", false), dns);
        Task task = startWaitingTask(manager);
        String url = hookUrl("rebind.example.test");
        manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), url, "tok", null));

        events.status(TaskState.WORKING, events.agentMessage("step 1"));

        String refusal = RecordedLogs.await(refusalOf(url, task), 10, TimeUnit.SECONDS);
        assertNotNull(refusal, "the refusal at connect time is logged");
        assertTrue(refusal.startsWith("WARN") && refusal.contains("pushAllowPrivateDestinations")
                && refusal.contains("resolves to the private or loopback address 127.0.0.1"), refusal);
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "nothing reaches the loopback receiver");
        assertEquals(2, dns.lookups(), "looked up when registered and when connecting; a refusal is not retried");
    }

    @Test
    void theConnectionGoesOnlyToTheAddressTheGuardChecked() throws Exception {
        // The name server the guard asks answers a public address; the JVM's own resolver, which the push client
        // must not ask behind the guard's back, answers 127.0.0.1 for this name.
        Rebinding dns = new Rebinding("localhost", Integer.MAX_VALUE);
        TaskManager manager = manager(Map.of("pushAllowPrivateDestinations", false, "pushAttempts", 1,
                "pushTimeoutMillis", 1_000L), dns);
        Task task = startWaitingTask(manager);
        manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), hookUrl("localhost"), null, null));

        events.status(TaskState.WORKING, events.agentMessage("step 1"));

        assertNull(received.poll(3, TimeUnit.SECONDS), "the loopback receiver is never connected to");
        assertTrue(dns.lookups() >= 2, "the connection asked the guard's resolver: " + dns.lookups());
    }

    @Test
    void aNamedDestinationIsPostedToUnderItsNameWithTheHeaders() throws Exception {
        HostResolver dns = host -> {
            if (!host.equals("push.example.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(LOOPBACK);
        };
        TaskManager manager = manager(Map.of("pushAllowPrivateDestinations", true), dns);
        Task task = startWaitingTask(manager);
        manager.createPushConfig(CALLER, "waiter", new TaskPushNotificationConfig(null, null, task.id(),
                hookUrl("push.example.test"), "tok", new TaskPushNotificationConfig.Authentication("Bearer", "s3cret")));

        events.status(TaskState.WORKING, events.agentMessage("step 1"));

        Map<String, String> headers = receivedHeaders.poll(10, TimeUnit.SECONDS);
        assertEquals(Map.of("Host", "push.example.test:" + receiver.getAddress().getPort(),
                "Content-Type", "application/a2a+json", "Authorization", "Bearer s3cret",
                "X-A2A-Notification-Token", "tok"), headers);
    }

    @Test
    void connectionsMadeUnderLooserRulesAreNotReusedAfterTheyAreTightened() throws Exception {
        HostResolver dns = host -> List.of(LOOPBACK);
        TaskManager manager = manager(Map.of("pushAllowPrivateDestinations", true), dns);
        Task task = startWaitingTask(manager);
        String url = hookUrl("push.example.test");
        manager.createPushConfig(CALLER, "waiter",
                new TaskPushNotificationConfig(null, null, task.id(), url, null, null));
        events.status(TaskState.WORKING, events.agentMessage("step 1"));
        assertNotNull(received.poll(10, TimeUnit.SECONDS), "delivered while private destinations are allowed");

        manager.modified(Configs.of(CoreConfig.class, Map.of("pushAllowPrivateDestinations", false)));
        events.status(TaskState.WORKING, events.agentMessage("step 2"));

        assertNotNull(RecordedLogs.await(refusalOf(url, task), 10, TimeUnit.SECONDS),
                "the next delivery connects again and is refused");
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "not sent over the connection kept from before");
    }

    /** Another waiting task on the same manager, once its agent has its events. */
    private Task startWaitingTaskAgain(TaskManager manager) {
        events = null;
        return startWaitingTask(manager);
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
        return manager(Map.of("pushAllowPrivateDestinations", allowPrivate), HostResolver.SYSTEM);
    }

    private TaskManager manager(Map<String, Object> config, HostResolver hosts) {
        MapRouter router = new MapRouter();
        TaskManager manager = new TaskManager(new InMemoryTaskStore(Configs.of(InMemoryTaskStoreConfig.class, Map.of())),
                router, Configs.of(CoreConfig.class, config), hosts);
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
        return hookUrl("127.0.0.1");
    }

    private String hookUrl(String host) {
        return "http://" + host + ":" + receiver.getAddress().getPort() + "/hook";
    }

    private static java.util.function.Predicate<String> refusalOf(String url, Task task) {
        return line -> line.contains("Push to " + url + " for task " + task.id() + " refused");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A hostile name server for one name: a public address for the first answers, 127.0.0.1 (TTL 0) after. */
    private static final class Rebinding implements HostResolver {
        private final String name;
        private final int publicAnswers;
        private final AtomicInteger lookups = new AtomicInteger();

        Rebinding(String name, int publicAnswers) {
            this.name = name;
            this.publicAnswers = publicAnswers;
        }

        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return List.of(lookups.incrementAndGet() <= publicAnswers ? PUBLIC : LOOPBACK);
        }

        int lookups() {
            return lookups.get();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
