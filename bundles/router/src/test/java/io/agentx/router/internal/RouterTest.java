package io.agentx.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final RequestContext CALLER = new RequestContext("test", null, List.of(), "1.0", Map.of());

    private final Router router = new Router(null, Configs.of(RouterConfig.class, Map.of()));
    private long serviceIds;

    @Test
    void anUnreachableReplicaIsFailedOverAndTheRequestRunsOnceElsewhere() {
        TestAgent down = register("a", "down", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        TestAgent up = register("a", "up", TestAgent.COMPLETE);
        for (int i = 0; i < 4; i++) {
            RecordingEvents events = run("a", newTask());
            assertEquals(List.of(TaskState.COMPLETED), events.states);
        }
        assertEquals(4, up.calls, "every request ran exactly once, on the reachable replica");
        assertTrue(down.calls >= 1 && down.calls <= 4, "the unreachable one was tried: " + down.calls);
    }

    @Test
    void aReplicaThatFailedAfterTheRequestMayHaveReachedItIsNeverRetriedElsewhere() {
        TestAgent broken = register("a", "broken", (request, events) -> {
            throw new IllegalStateException("boom");
        });
        TestAgent healthy = register("a", "healthy", TestAgent.COMPLETE);
        int thrown = 0;
        for (int i = 0; i < 6; i++) {
            try {
                run("a", newTask());
            } catch (IllegalStateException e) {
                thrown++;
            }
        }
        assertEquals(broken.calls, thrown, "each failure reached the caller instead of a second replica");
        assertEquals(6, broken.calls + healthy.calls, "no request was sent twice");
    }

    @Test
    void whenNoReplicaCanBeReachedTheCallerGetsAgentUnavailableNamingTheAgent() {
        register("a", "one", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        register("a", "two", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        A2aException e = assertThrows(A2aException.class, () -> run("a", newTask()));
        assertEquals(A2aError.AGENT_UNAVAILABLE, e.error());
        assertTrue(e.getMessage().contains("agent 'a' is unavailable"), e.getMessage());
    }

    @Test
    void repeatedlyUnreachableReplicasAreEjectedAndNoLongerTried() {
        TestAgent down = register("a", "down", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        register("a", "up", TestAgent.COMPLETE);
        for (int i = 0; i < 40; i++) {
            run("a", newTask());
        }
        int triedBefore = down.calls;
        for (int i = 0; i < 40; i++) {
            run("a", newTask());
        }
        assertEquals(triedBefore, down.calls, "an ejected replica gets no requests");
        assertEquals(HealthSettingsDefaults.EJECT_AFTER, triedBefore);
    }

    @Test
    void anAgentsOwnEjectionSettingWinsOverTheRouters() {
        TestAgent strictDown = new TestAgent((request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        Map<String, Object> strict = properties("strict", "down");
        strict.put(io.agentx.router.internal.health.HealthOverrides.EJECT_AFTER_FAILURES, 1);
        router.addAgent(strictDown, strict);
        register("strict", "up", TestAgent.COMPLETE);
        TestAgent lenientDown = register("lenient", "down", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        register("lenient", "up", TestAgent.COMPLETE);
        for (int i = 0; i < 40; i++) {
            run("strict", newTask());
            run("lenient", newTask());
        }
        assertEquals(1, strictDown.calls, "ejected after its own single failure");
        assertEquals(HealthSettingsDefaults.EJECT_AFTER, lenientDown.calls, "the router's setting for the others");
    }

    /**
     * A follow-up on a task whose replica is ejected is refused before it changes the task (the task keeps waiting for
     * input); the replica is found from the task's metadata when the router does not remember it (after a restart).
     */
    @Test
    void aFollowUpForAnEjectedReplicaIsRefusedBeforeItChangesTheTask() {
        register("a", "flaky", (request, events) -> {
            throw new AgentUnreachableException("connection refused", null);
        });
        register("a", "steady", TestAgent.COMPLETE);
        for (int i = 0; i < 40; i++) {
            run("a", newTask());
        }
        Task onFlaky = withReplica(newTask(), "flaky");
        A2aException refused = assertThrows(A2aException.class, () -> router.checkFollowUp("a", onFlaky));
        assertEquals(A2aError.AGENT_UNAVAILABLE, refused.error());
        assertTrue(refused.getMessage().contains("(flaky) is") && refused.getMessage().contains("still waits for input"),
                refused.getMessage());
        router.checkFollowUp("a", withReplica(newTask(), "steady"));
        router.checkFollowUp("a", newTask()); // no replica known: any may take it
    }

    private static Task withReplica(Task task, String replicaName) {
        return new Task(task.id(), task.contextId(), task.status(), task.artifacts(), task.history(),
                Map.of("agentx.remoteTask", Map.of("id", "r", "contextId", "c", "replica",
                        io.agentx.router.internal.remote.RemoteTask.fingerprint(replicaName))));
    }

    @Test
    void aReplicaRefusingBadRequestsStaysHealthyWhileServerErrorsEjectIt() {
        int[] requests = new int[1];
        register("picky", "only", (request, events) -> {
            if (++requests[0] % 2 == 0) {
                throw new A2aException(A2aError.INVALID_PARAMS, "message.parts: a part is empty");
            }
            events.rejected(new A2aException(A2aError.TASK_NOT_FOUND, "no task with id t1"));
        });
        for (int i = 0; i < 4 * HealthSettingsDefaults.EJECT_AFTER; i++) {
            try {
                assertEquals(A2aError.TASK_NOT_FOUND, run("picky", newTask()).rejection.error());
            } catch (A2aException refused) {
                assertEquals(A2aError.INVALID_PARAMS, refused.error(), "the request's fault reaches the caller");
            }
        }
        assertEquals(A2aError.TASK_NOT_FOUND, run("picky", newTask()).rejection.error(),
                "the replica still gets requests: not ejected");

        register("failing", "only", (request, events) -> {
            throw new A2aException(A2aError.INTERNAL_ERROR, "the agent's database is down");
        });
        for (int i = 0; i < HealthSettingsDefaults.EJECT_AFTER; i++) {
            assertEquals(A2aError.INTERNAL_ERROR, assertThrows(A2aException.class, () -> run("failing", newTask())).error());
        }
        assertEquals(A2aError.AGENT_UNAVAILABLE, assertThrows(A2aException.class, () -> run("failing", newTask())).error(),
                "server-side errors count against the replica: ejected");
    }

    @Test
    void aFollowUpGoesToTheReplicaThatOwnsTheTaskAndFailsFastIfItIsDown() {
        TestAgent first = register("a", "first", TestAgent.ASK);
        TestAgent second = register("a", "second", TestAgent.ASK);
        Task task = newTask();
        run("a", task);
        TestAgent owner = first.calls == 1 ? first : second;
        for (int i = 0; i < 3; i++) {
            run("a", task);
        }
        assertEquals(4, owner.calls, "round robin did not move the task");
        assertEquals("a", router.agentOf(task.id()).orElseThrow());

        owner.behaviour = (request, events) -> {
            throw new AgentUnreachableException("gone", null);
        };
        for (int i = 0; i < HealthSettingsDefaults.EJECT_AFTER; i++) {
            try {
                run("a", task);
            } catch (A2aException expected) {
                assertEquals(A2aError.AGENT_UNAVAILABLE, expected.error());
            }
        }
        A2aException e = assertThrows(A2aException.class, () -> run("a", task));
        assertTrue(e.getMessage().contains("the replica working on task " + task.id()), e.getMessage());
    }

    @Test
    void aRequestAForwardingReplicaLaterFindsUnreachableGoesToTheNextReplicaOnce() throws Exception {
        LateAgent down = new LateAgent(false);
        router.addAgent(down, properties("a", "late-down"));
        TestAgent up = register("a", "up", TestAgent.COMPLETE);
        for (int i = 0; i < 4; i++) {
            RecordingEvents events = run("a", newTask());
            await(() -> !events.states.isEmpty());
            assertEquals(List.of(TaskState.COMPLETED), events.states);
        }
        assertEquals(4, up.calls, "every request ran exactly once, on the reachable replica");
        assertTrue(down.calls.get() >= 1, "the forwarding replica was tried: " + down.calls);
    }

    @Test
    void whenEveryForwardingReplicaTurnsOutUnreachableTheRequestIsRejectedWithAgentUnavailable() throws Exception {
        router.addAgent(new LateAgent(false), properties("a", "one"));
        router.addAgent(new LateAgent(false), properties("a", "two"));
        RecordingEvents events = run("a", newTask()); // returns before either replica is heard of
        await(() -> events.rejection != null);
        assertEquals(A2aError.AGENT_UNAVAILABLE, events.rejection.error());
        assertTrue(events.rejection.getMessage().contains("agent 'a' is unavailable"), events.rejection.getMessage());
        assertEquals(List.of(), events.states, "no task events: the client gets the error");
    }

    @Test
    void aForwardingReplicaCompletesTheTaskFromItsOwnThread() throws Exception {
        LateAgent late = new LateAgent(true);
        router.addAgent(late, properties("a", "late"));
        RecordingEvents events = run("a", newTask());
        await(() -> !events.states.isEmpty());
        assertEquals(List.of(TaskState.COMPLETED), events.states);
        assertEquals(1, late.calls.get());
    }

    @Test
    void anUnknownAgentIsAClearInvalidParamsError() {
        register("known", "r", TestAgent.COMPLETE);
        A2aException e = assertThrows(A2aException.class, () -> run("unknown", newTask()));
        assertEquals(A2aError.INVALID_PARAMS, e.error());
        assertTrue(e.getMessage().contains("no agent 'unknown' is installed; installed: known"), e.getMessage());
    }

    @Test
    void agentsComeAndGoWithTheirServices() {
        register("b", "r1", TestAgent.COMPLETE);
        Map<String, Object> second = properties("a", "r2");
        router.addAgent(new TestAgent(TestAgent.COMPLETE), second);
        assertEquals(List.of("a", "b"), router.agentIds());
        router.removeAgent(null, second);
        assertEquals(List.of("b"), router.agentIds());
        assertTrue(router.card("a").isEmpty());
    }

    @Test
    void theGatewayRoutesByTheFirstMatchingRule() {
        register("translator", "r", TestAgent.COMPLETE);
        register("finance", "r", TestAgent.COMPLETE);
        register("acme-bot", "r", TestAgent.COMPLETE);
        register("fallback", "r", TestAgent.COMPLETE);
        router.modified(Configs.of(RouterConfig.class, Map.of("routes", new String[] {"skill=translate -> translator",
            "tag=money -> finance", "tenant=acme -> acme-bot", "extension=urn:x -> finance", "* -> fallback"})));
        assertEquals("translator", router.resolve(CALLER, message(Map.of("skill", "translate"))));
        assertEquals("finance", router.resolve(CALLER, message(Map.of("tags", List.of("x", "money")))));
        assertEquals("finance", router.resolve(CALLER, message(Map.of("tags", "money, y"))));
        assertEquals("acme-bot", router.resolve(new RequestContext("p", "acme", List.of(), "1.0", Map.of()),
                message(Map.of())));
        assertEquals("finance", router.resolve(new RequestContext("p", null, List.of("urn:x"), "1.0", Map.of()),
                message(Map.of())));
        assertEquals("fallback", router.resolve(CALLER, message(Map.of("skill", "other"))));
    }

    @Test
    void withoutAMatchingRuleTheErrorNamesWhatWasAskedFor() {
        register("echo", "r", TestAgent.COMPLETE);
        router.modified(Configs.of(RouterConfig.class, Map.of("routes", new String[] {"skill=translate -> nowhere"})));
        A2aException noRoute = assertThrows(A2aException.class,
                () -> router.resolve(CALLER, message(Map.of("skill", "summarize"))));
        assertEquals(A2aError.INVALID_PARAMS, noRoute.error());
        assertTrue(noRoute.getMessage().contains("skill 'summarize'"), noRoute.getMessage());
        A2aException missing = assertThrows(A2aException.class,
                () -> router.resolve(CALLER, message(Map.of("skill", "translate"))));
        assertTrue(missing.getMessage().contains("agent 'nowhere', which is not installed"), missing.getMessage());
        assertEquals("echo", router.resolve(CALLER, message(Map.of("skill", "echo/echo"))),
                "a skill id of the gateway card names its agent");
    }

    @Test
    void aBrokenRuleIsSkippedAndTheOthersApply() {
        register("echo", "r", TestAgent.COMPLETE);
        router.modified(Configs.of(RouterConfig.class, Map.of("routes", new String[] {"nonsense", "* -> echo"})));
        assertEquals("echo", router.resolve(CALLER, message(Map.of())));
    }

    @Test
    void theConfiguredStrategyIsUsedAndChangesLive() {
        register("a", "r1", TestAgent.COMPLETE);
        register("a", "r2", TestAgent.COMPLETE);
        assertEquals("round-robin", router.directory().group("a").strategy().name());
        router.modified(Configs.of(RouterConfig.class, Map.of("strategies", new String[] {"a=least-outstanding"})));
        assertEquals("least-outstanding", router.directory().group("a").strategy().name());
        Map<String, Object> declared = properties("a", "r3");
        declared.put(AgentDirectory.DECLARED_STRATEGY, "peak-ewma");
        router.addAgent(new TestAgent(TestAgent.COMPLETE), declared);
        assertEquals("peak-ewma", router.directory().group("a").strategy().name(), "an agent's own choice wins");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The defaults the tests rely on. */
    private static final class HealthSettingsDefaults {
        static final int EJECT_AFTER = io.agentx.router.internal.health.HealthSettings.defaults().ejectAfterFailures();
    }

    private TestAgent register(String agentId, String replica, BiConsumer<AgentRequest, TaskEvents> behaviour) {
        TestAgent agent = new TestAgent(behaviour);
        router.addAgent(agent, properties(agentId, replica));
        return agent;
    }

    private Map<String, Object> properties(String agentId, String replica) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AgentId.NAME, agentId);
        properties.put(AgentReplica.NAME, replica);
        properties.put("service.id", ++serviceIds);
        return properties;
    }

    private RecordingEvents run(String agentId, Task task) {
        RecordingEvents events = new RecordingEvents(task);
        router.execute(agentId, new AgentRequest(CALLER, task, task.history().get(0),
                SendMessageRequest.Configuration.DEFAULT, false), events);
        return events;
    }

    private static Task newTask() {
        String id = UUID.randomUUID().toString();
        String context = UUID.randomUUID().toString();
        return new Task(id, context, new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(),
                List.of(Message.text(UUID.randomUUID().toString(), Role.USER, "hi").withTask(id, context)), Map.of());
    }

    private static Message message(Map<String, Object> metadata) {
        return new Message("m", null, null, Role.USER, Message.text("m", Role.USER, "hi").parts(), metadata, List.of(),
                List.of());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static AgentCard testCard(String name) {
        return new AgentCard(name, "", List.of(), null, "1", null, AgentCapabilities.NONE, null, null, null, null, null,
                null, null);
    }

    /** A forwarding agent that learns on another thread, a little later, whether the request got through. */
    static final class LateAgent implements ForwardingAgent {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        private final boolean reachable;

        LateAgent(boolean reachable) {
            this.reachable = reachable;
        }

        @Override
        public AgentCard card() {
            return testCard("late");
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            throw new AssertionError("the router forwards to a forwarding agent");
        }

        @Override
        public void forward(AgentRequest request, TaskEvents events,
                java.util.function.Consumer<AgentUnreachableException> unreachable) {
            calls.incrementAndGet();
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                if (reachable) {
                    events.completed(null);
                } else {
                    unreachable.accept(new AgentUnreachableException("connection refused", null));
                }
            }, java.util.concurrent.CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    /** An agent whose behaviour a test sets, counting its calls. */
    static final class TestAgent implements Agent {
        static final BiConsumer<AgentRequest, TaskEvents> COMPLETE = (request, events) -> events.completed(null);
        static final BiConsumer<AgentRequest, TaskEvents> ASK = (request, events) -> events.inputRequired(null);

        volatile BiConsumer<AgentRequest, TaskEvents> behaviour;
        int calls;

        TestAgent(BiConsumer<AgentRequest, TaskEvents> behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public AgentCard card() {
            return testCard("test");
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            calls++;
            behaviour.accept(request, events);
        }
    }
}
