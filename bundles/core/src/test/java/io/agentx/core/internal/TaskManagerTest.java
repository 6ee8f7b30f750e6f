package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.EventStream;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskManagerTest {
    private static final RequestContext CALLER = new RequestContext("test", null, List.of(), "1.0", Map.of());
    private static final RequestContext OTHER_TENANT = new RequestContext("test", "other", List.of(), "1.0", Map.of());

    private TaskManager manager;

    private InMemoryTaskStore store;
    private final MapRouter router = new MapRouter();
    private final ScriptedAgent agent = new ScriptedAgent();
    private long serviceIds;

    @BeforeEach
    void setUp() {
        store = new InMemoryTaskStore(storeConfig(16));
        manager = new TaskManager(store, router, coreConfig(2000, 16));
        register("scripted", agent);
    }

    @Test
    void blockingSendReturnsTheFinishedTaskWithHistoryAndArtifacts() {
        agent.script = (request, events) -> {
            events.artifact(new Artifact("a1", null, null, List.of(Part.Text.of("out")), null, null), false, true);
            events.completed(events.agentMessage("done"));
        };
        Task task = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")));
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals("done", task.status().message().text());
        assertEquals("out", ((Part.Text) task.artifacts().get(0).parts().get(0)).text());
        assertEquals(List.of("hi", "done"), task.history().stream().map(Message::text).toList());
        assertEquals(task.id(), task.history().get(0).taskId(), "the user message is placed in the task");
        assertEquals(task, manager.get(CALLER, "scripted", task.id(), null));
        assertEquals(1, manager.get(CALLER, "scripted", task.id(), 1).history().size());
        assertEquals(0, manager.get(CALLER, "scripted", task.id(), 0).history().size());
    }

    /** At an agent's endpoint only its own tasks exist: an access rule allowing one agent reaches no other's tasks. */
    @Test
    void anAgentsEndpointServesOnlyThatAgentsTasks() throws Exception {
        ScriptedAgent other = new ScriptedAgent();
        register("other", other);
        Task finished = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "done")));
        agent.script = (request, events) -> events.inputRequired(events.agentMessage("which one?"));
        Task asking = (Task) manager.send(CALLER, "scripted", send(Message.text("m2", Role.USER, "ask me")));
        ListTasksRequest all = new ListTasksRequest(null, null, null, null, null, null, null, false);

        for (Task task : List.of(finished, asking)) { // stored and settled; live and waiting for input
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> manager.get(CALLER, "other", task.id(), null),
                    () -> manager.cancel(CALLER, "other", task.id()),
                    () -> manager.subscribe(CALLER, "other", task.id()),
                    () -> manager.send(CALLER, "other", send(new Message("f-" + task.id(), null, task.id(), Role.USER,
                            List.of(Part.Text.of("follow-up")), null, null, null))))) {
                A2aException notThere = assertThrows(A2aException.class, call);
                assertEquals(A2aError.TASK_NOT_FOUND, notThere.error(), notThere.getMessage());
                assertTrue(notThere.getMessage().contains("at agent 'other'"), notThere.getMessage());
            }
            assertEquals(task.id(), manager.get(CALLER, "scripted", task.id(), 0).id(), "its own agent serves it");
            assertEquals(task.id(), manager.get(CALLER, null, task.id(), 0).id(), "so does the gateway");
        }
        assertEquals(0, manager.list(CALLER, "other", all).tasks().size(), "another agent lists none of them");
        assertEquals(2, manager.list(CALLER, "scripted", all).tasks().size());
        assertEquals(2, manager.list(CALLER, null, all).tasks().size(), "the gateway lists every agent's");
        assertEquals(0, other.calls, "the other agent was never asked");

        agent.script = (request, events) -> events.completed(null);
        Task continued = (Task) manager.send(CALLER, null, send(new Message("f2", null, asking.id(), Role.USER,
                List.of(Part.Text.of("the first")), null, null, null)));
        assertEquals(TaskState.COMPLETED, continued.status().state(), "a follow-up at the gateway reaches its agent");
    }

    @Test
    void aContextIdTooLongToKeepIsRefusedNamingTheField() {
        Message message = new Message("m-long", "c".repeat(RequestChecks.MAX_ID_LENGTH + 1), null, Role.USER,
                List.of(Part.Text.of("hi")), null, null, null);
        A2aException error = assertThrows(A2aException.class, () -> manager.send(CALLER, "scripted", send(message)));
        assertEquals(A2aError.INVALID_PARAMS, error.error());
        assertTrue(error.getMessage().contains("message.contextId"), error.getMessage());
    }

    @Test
    void returnImmediatelyAnswersBeforeTheAgentFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agent.script = (request, events) -> {
            await(release);
            events.completed(null);
        };
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m1", Role.USER, "hi"),
                new SendMessageRequest.Configuration(List.of(), null, null, true), null);
        Task task = (Task) manager.send(CALLER, "scripted", request);
        assertTrue(task.status().state() == TaskState.SUBMITTED || task.status().state() == TaskState.WORKING);
        release.countDown();
        awaitState(task.id(), TaskState.COMPLETED);
    }

    @Test
    void anAsynchronousSendCompletesWhenTheAgentSettlesTheTaskOnItsOwnThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agent.script = (request, events) -> new Thread(() -> {
            await(release);
            events.completed(events.agentMessage("later"));
        }).start();
        java.util.concurrent.CompletableFuture<io.agentx.a2a.model.StreamEvent> answer = manager.sendAsync(CALLER,
                "scripted", send(Message.text("m1", Role.USER, "hi"))).toCompletableFuture();
        Thread.sleep(100);
        assertFalse(answer.isDone(), "no answer before the agent settles the task");
        release.countDown();
        Task task = (Task) answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals("later", task.status().message().text());
    }

    @Test
    void anAsynchronousSendAnswersWithTheTaskAsItStandsWhenTheSendTimeoutPasses() throws Exception {
        TaskManager quick = new TaskManager(new InMemoryTaskStore(storeConfig(16)), router, coreConfig(200, 16));
        agent.script = (request, events) -> events.status(TaskState.WORKING, null); // and never settles
        Task task = (Task) quick.sendAsync(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")))
                .toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(TaskState.WORKING, task.status().state());
        assertEquals(TaskState.WORKING, quick.get(CALLER, "scripted", task.id(), null).status().state(),
                "stored, and going on without the caller");
    }

    @Test
    void aRequestRejectedLaterOnAnotherThreadReachesTheWaitingClientAsItsErrorAndKeepsNoTask() throws Exception {
        A2aException unavailable = new A2aException(A2aError.AGENT_UNAVAILABLE, "agent 'scripted' is unavailable");
        agent.script = (request, events) -> new Thread(() -> events.rejected(unavailable)).start();
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> manager.sendAsync(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")))
                        .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(unavailable, failed.getCause());
        A2aException blocking = assertThrows(A2aException.class,
                () -> manager.send(CALLER, "scripted", send(Message.text("m2", Role.USER, "hi"))));
        assertEquals(A2aError.AGENT_UNAVAILABLE, blocking.error());
        assertEquals(0, manager.list(CALLER, "scripted", new io.agentx.a2a.model.ListTasksRequest(null, null, null,
                null, null, null, null, false)).tasks().size(), "no task is kept for a request the agent never took");
    }

    @Test
    void aRequestRejectedAfterTheClientHasItsTaskFailsTheTask() throws Exception {
        agent.script = (request, events) -> new Thread(() -> {
            sleep(100);
            events.rejected(new A2aException(A2aError.AGENT_UNAVAILABLE, "agent 'scripted' is unavailable"));
        }).start();
        SendMessageRequest request = new SendMessageRequest(null, Message.text("m1", Role.USER, "hi"),
                new SendMessageRequest.Configuration(List.of(), null, null, true), null);
        Task task = (Task) manager.send(CALLER, "scripted", request);
        awaitState(task.id(), TaskState.FAILED);
        assertEquals("agent 'scripted' is unavailable",
                manager.get(CALLER, "scripted", task.id(), null).status().message().text());
    }

    @Test
    void anAsynchronousSendThatIsRefusedFailsWithTheProtocolError() {
        Message message = new Message("m-long", "c".repeat(RequestChecks.MAX_ID_LENGTH + 1), null, Role.USER,
                List.of(Part.Text.of("hi")), null, null, null);
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> manager.sendAsync(CALLER, "scripted", send(message)).toCompletableFuture().get());
        A2aException error = (A2aException) failed.getCause();
        assertEquals(A2aError.INVALID_PARAMS, error.error());
        assertTrue(error.getMessage().contains("message.contextId"), error.getMessage());
    }

    @Test
    void followUpOnInputRequiredContinuesTheSameTaskAndContext() {
        agent.script = (request, events) -> {
            if (request.task().history().size() == 1) {
                events.inputRequired(events.agentMessage("name?"));
            } else {
                events.completed(events.agentMessage("hello " + request.message().text()));
            }
        };
        Task asked = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "start")));
        assertEquals(TaskState.INPUT_REQUIRED, asked.status().state());
        Message reply = new Message("m2", null, asked.id(), Role.USER, List.of(Part.Text.of("Ada")), null, null, null);
        Task done = (Task) manager.send(CALLER, "scripted", send(reply));
        assertEquals(asked.id(), done.id());
        assertEquals(asked.contextId(), done.contextId());
        assertEquals(TaskState.COMPLETED, done.status().state());
        assertEquals("hello Ada", done.status().message().text());
        assertEquals(4, done.history().size());
    }

    @Test
    void whatAnAgentAnnotatesIsKeptInTheTasksMetadataAndSeenByTheFollowUp() {
        List<Object> seenByFollowUp = new ArrayList<>();
        agent.script = (request, events) -> {
            if (request.task().history().size() == 1) {
                events.annotate(Map.of("agentx.test", "kept"));
                events.inputRequired(events.agentMessage("name?"));
            } else {
                seenByFollowUp.add(request.task().metadata().get("agentx.test"));
                events.completed(null);
                assertThrows(IllegalStateException.class, () -> events.annotate(Map.of("late", true)),
                        "a finished task keeps no new metadata");
            }
        };
        Task asked = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "start")));
        assertEquals("kept", asked.metadata().get("agentx.test"));
        assertEquals("kept", store.find(null, asked.id()).orElseThrow().metadata().get("agentx.test"),
                "stored with the event that followed it");
        Message reply = new Message("m2", null, asked.id(), Role.USER, List.of(Part.Text.of("Ada")), null, null, null);
        Task done = (Task) manager.send(CALLER, "scripted", send(reply));
        assertEquals(List.of("kept"), seenByFollowUp);
        assertEquals("kept", done.metadata().get("agentx.test"));
        assertEquals(null, manager.get(CALLER, "scripted", done.id(), null).metadata().get("late"),
                "nothing is added to a finished task");
    }

    @Test
    void terminalTasksAreFinal() {
        agent.script = (request, events) -> events.completed(null);
        Task task = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")));
        Message again = new Message("m2", null, task.id(), Role.USER, List.of(Part.Text.of("more")), null, null, null);
        A2aException sendError = assertThrows(A2aException.class, () -> manager.send(CALLER, "scripted", send(again)));
        assertEquals(A2aError.UNSUPPORTED_OPERATION, sendError.error());
        A2aException cancelError = assertThrows(A2aException.class, () -> manager.cancel(CALLER, "scripted", task.id()));
        assertEquals(A2aError.TASK_NOT_CANCELABLE, cancelError.error());
        A2aException subscribeError = assertThrows(A2aException.class, () -> manager.subscribe(CALLER, "scripted", task.id()));
        assertEquals(A2aError.UNSUPPORTED_OPERATION, subscribeError.error());
    }

    @Test
    void anAgentCannotChangeAFinishedTask() {
        List<String> errors = new ArrayList<>();
        agent.script = (request, events) -> {
            events.completed(null);
            try {
                events.status(TaskState.WORKING, null);
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
        };
        manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("TASK_STATE_COMPLETED"), errors.get(0));
    }

    @Test
    void anAgentThatThrowsFailsItsTaskWithTheReason() {
        agent.script = (request, events) -> {
            throw new IllegalStateException("model unavailable");
        };
        Task task = (Task) manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")));
        assertEquals(TaskState.FAILED, task.status().state());
        assertTrue(task.status().message().text().contains("model unavailable"));
    }

    @Test
    void streamDeliversTheTaskThenUpdatesInOrderAndEnds() throws Exception {
        agent.script = (request, events) -> {
            events.status(TaskState.WORKING, null);
            events.artifact(new Artifact("a", null, null, List.of(Part.Text.of("x")), null, null), false, false);
            events.artifact(new Artifact("a", null, null, List.of(Part.Text.of("y")), null, null), true, true);
            events.completed(null);
        };
        EventStream stream = manager.stream(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi")));
        List<StreamEvent> events = drain(stream);
        assertInstanceOf(Task.class, events.get(0));
        assertEquals(TaskState.WORKING, ((TaskStatusUpdateEvent) events.get(1)).status().state());
        assertTrue(((TaskArtifactUpdateEvent) events.get(3)).append());
        assertEquals(TaskState.COMPLETED, ((TaskStatusUpdateEvent) events.get(4)).status().state());
        assertEquals(5, events.size());
        assertTrue(stream.ended());
        Task task = manager.get(CALLER, "scripted", ((Task) events.get(0)).id(), null);
        assertEquals(2, task.artifacts().get(0).parts().size(), "appended chunks join one artifact");
    }

    @Test
    void cancelReachesSubscribersAndASlowReaderIsCutOffWithoutBlockingOthers() throws Exception {
        agent.script = (request, events) -> events.status(TaskState.WORKING, null);
        Task task = (Task) manager.send(CALLER, "scripted", new SendMessageRequest(null,
                Message.text("m1", Role.USER, "hi"), new SendMessageRequest.Configuration(List.of(), null, null, true), null));
        awaitState(task.id(), TaskState.WORKING);
        EventStream slow = manager.subscribe(CALLER, "scripted", task.id());
        EventStream fast = manager.subscribe(CALLER, "scripted", task.id());
        assertInstanceOf(Task.class, fast.next(Duration.ofSeconds(1)));
        TaskEvents events = agent.lastEvents;
        for (int i = 0; i < 40; i++) {
            events.artifact(new Artifact("a" + i, null, null, List.of(Part.Text.of("x")), null, null), false, true);
            assertInstanceOf(TaskArtifactUpdateEvent.class, fast.next(Duration.ofSeconds(1)));
        }
        Task canceled = manager.cancel(CALLER, "scripted", task.id());
        assertEquals(TaskState.CANCELED, canceled.status().state());
        assertEquals(TaskState.CANCELED, ((TaskStatusUpdateEvent) fast.next(Duration.ofSeconds(1))).status().state());
        assertTrue(fast.ended() || fast.next(Duration.ofMillis(100)) == null && fast.ended());
        A2aException cutOff = assertThrows(A2aException.class, () -> drain(slow));
        assertTrue(cutOff.getMessage().contains("fell more than 16 events behind"), cutOff.getMessage());
        assertEquals(A2aError.STREAM_READER_TOO_SLOW, cutOff.error(), "not a server fault: the reader may catch up");
    }

    @Test
    void listFiltersPagesAndIsolatesTenants() {
        agent.script = (request, events) -> events.completed(null);
        String context = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            Message message = new Message("m" + i, context, null, Role.USER, List.of(Part.Text.of("x")), null, null, null);
            manager.send(CALLER, "scripted", send(message));
        }
        manager.send(CALLER, "scripted", send(Message.text("other", Role.USER, "x")));
        ListTasksResponse first = manager.list(CALLER, "scripted", new ListTasksRequest(null, context, null, 2, null, null,
                null, false));
        assertEquals(5, first.totalSize());
        assertEquals(2, first.tasks().size());
        ListTasksResponse second = manager.list(CALLER, "scripted", new ListTasksRequest(null, context, null, 2,
                first.nextPageToken(), null, null, false));
        assertEquals(2, second.tasks().size());
        assertTrue(first.tasks().stream().noneMatch(second.tasks()::contains));
        ListTasksResponse last = manager.list(CALLER, "scripted", new ListTasksRequest(null, context, null, 2,
                second.nextPageToken(), null, null, false));
        assertEquals(1, last.tasks().size());
        assertEquals("", last.nextPageToken());
        assertEquals(0, manager.list(OTHER_TENANT, "scripted", new ListTasksRequest(null, null, null, null, null, null,
                null, false)).totalSize(), "another tenant sees nothing");
        String taskId = first.tasks().get(0).id();
        assertEquals(A2aError.TASK_NOT_FOUND, assertThrows(A2aException.class,
                () -> manager.get(OTHER_TENANT, "scripted", taskId, null)).error());
        assertEquals(A2aError.INVALID_PARAMS, assertThrows(A2aException.class, () -> manager.list(CALLER, "scripted",
                new ListTasksRequest(null, null, null, null, "garbage", null, null, false))).error());
    }

    @Test
    void pagesNeitherRepeatNorSkipATaskWhileNewTasksArrive() {
        agent.script = (request, events) -> events.completed(null);
        String context = UUID.randomUUID().toString();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            created.add(((Task) manager.send(CALLER, "scripted", send(new Message("m" + i, context, null, Role.USER,
                    List.of(Part.Text.of("x")), null, null, null)))).id());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ListTasksResponse page = manager.list(CALLER, "scripted", new ListTasksRequest(null, context, null, 2, token,
                    null, null, false));
            page.tasks().forEach(task -> seen.add(task.id()));
            token = page.nextPageToken();
            // a client pages while others create tasks in the same context, newer than any it has seen
            manager.send(CALLER, "scripted", send(new Message("new" + seen.size(), context, null, Role.USER,
                    List.of(Part.Text.of("x")), null, null, null)));
        } while (!token.isEmpty());
        assertEquals(created, new java.util.HashSet<>(seen), "every task there at the start, once: " + seen);
        assertEquals(created.size(), seen.size(), "no task twice: " + seen);
    }

    @Test
    void theMemoryStoreMakesRoomByDroppingTheOldestTasksWhenItsSpaceIsFull() {
        InMemoryTaskStore store = new InMemoryTaskStore(storeConfig(1));
        manager = new TaskManager(store, router, coreConfig(2000, 16));
        register("scripted", agent);
        agent.script = (request, events) -> events.completed(events.agentMessage("x".repeat(200)));
        String firstId = ((Task) manager.send(CALLER, "scripted", send(Message.text("m0", Role.USER, "x")))).id();
        String lastId = null;
        for (int i = 1; i < 5000; i++) {
            lastId = ((Task) manager.send(CALLER, "scripted", send(Message.text("m" + i, Role.USER, "x")))).id();
        }
        int kept = store.list(null, new ListTasksRequest(null, null, null, 1, null, null, null, false)).totalSize();
        assertTrue(kept > 500 && kept < 5000, "a 1 MiB store keeps some thousand small tasks, kept " + kept);
        assertTrue(store.find(null, firstId).isEmpty(), "the oldest task made room");
        assertEquals(TaskState.COMPLETED, store.find(null, lastId).orElseThrow().status().state(),
                "the newest task reads back intact, also across the ring's wrap-around");
        assertEquals(kept, store.list(null, new ListTasksRequest(null, null, null, 100, null, null, null, false)).totalSize());
    }

    @Test
    void requiredExtensionsAndOutputModesAreEnforced() {
        agent.card = new AgentCard("strict", "", List.of(), null, "1", null, new AgentCapabilities(true, false,
                List.of(new io.agentx.a2a.model.AgentExtension("urn:ext:trace", null, true, null)), false), null, null,
                List.of("text/plain"), List.of("text/plain", "application/json"), null, null, null);
        A2aException missing = assertThrows(A2aException.class,
                () -> manager.send(CALLER, "scripted", send(Message.text("m1", Role.USER, "hi"))));
        assertEquals(A2aError.EXTENSION_SUPPORT_REQUIRED, missing.error());
        RequestContext withExtension = new RequestContext("test", null, List.of("urn:ext:trace"), "1.0", Map.of());
        SendMessageRequest onlyImages = new SendMessageRequest(null, Message.text("m2", Role.USER, "hi"),
                new SendMessageRequest.Configuration(List.of("image/*"), null, null, false), null);
        assertEquals(A2aError.CONTENT_TYPE_NOT_SUPPORTED,
                assertThrows(A2aException.class, () -> manager.send(withExtension, "scripted", onlyImages)).error());
        SendMessageRequest json = new SendMessageRequest(null, Message.text("m3", Role.USER, "hi"),
                new SendMessageRequest.Configuration(List.of("application/*"), null, null, false), null);
        assertEquals(TaskState.COMPLETED, ((Task) manager.send(withExtension, "scripted", json)).status().state());
    }

    @Test
    void unknownAgentsAndTasksAreClearErrors() {
        A2aException noAgent = assertThrows(A2aException.class,
                () -> manager.send(CALLER, "nobody", send(Message.text("m1", Role.USER, "hi"))));
        assertTrue(noAgent.getMessage().contains("no agent 'nobody'"));
        assertEquals(A2aError.TASK_NOT_FOUND, assertThrows(A2aException.class,
                () -> manager.get(CALLER, "scripted", "missing", null)).error());
        assertNull(manager.card("nobody").orElse(null));
    }

    @Test
    void aBlockingSendIsAnsweredOnlyOnceItsSettlingWriteIsDurableWithoutHoldingTheAgent() throws Exception {
        HeldStore store = new HeldStore();
        manager = new TaskManager(store, router, coreConfig(5000, 16));
        CountDownLatch agentReturned = new CountDownLatch(1);
        agent.script = (request, events) -> {
            events.completed(events.agentMessage("done"));
            agentReturned.countDown();
        };
        java.util.concurrent.CompletableFuture<StreamEvent> answer = manager.sendAsync(CALLER, "scripted",
                send(Message.text("m1", Role.USER, "hi"))).toCompletableFuture();
        assertTrue(agentReturned.await(5, TimeUnit.SECONDS), "the agent goes on while the write is committed");
        Thread.sleep(100);
        assertFalse(answer.isDone(), "no answer before the settled task is stored");
        assertTrue(store.tasks.isEmpty());

        store.releaseAll();
        Task task = (Task) answer.get(5, TimeUnit.SECONDS);
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals(TaskState.COMPLETED, store.tasks.get(task.id()).status().state(), "stored before the answer");
    }

    @Test
    void aSettlingWriteTheStoreRefusesReachesTheWaitingClientAsTheStoresError() throws Exception {
        HeldStore store = new HeldStore();
        manager = new TaskManager(store, router, coreConfig(5000, 16));
        agent.script = (request, events) -> events.completed(events.agentMessage("done"));
        java.util.concurrent.CompletableFuture<StreamEvent> answer = manager.sendAsync(CALLER, "scripted",
                send(Message.text("m1", Role.USER, "hi"))).toCompletableFuture();
        store.failAll(new A2aException(A2aError.STORE_UNAVAILABLE, "the database is down"));
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> answer.get(5, TimeUnit.SECONDS));
        A2aException error = assertInstanceOf(A2aException.class, failed.getCause());
        assertEquals(A2aError.STORE_UNAVAILABLE, error.error());
        assertTrue(error.getMessage().contains("the database is down"), error.getMessage());
        assertTrue(store.tasks.isEmpty(), "nothing was acknowledged, nothing is kept");
    }

    @Test
    void aReaderArrivingWhileTheSettlingWriteIsUnderwayWaitsForItThenSeesTheFollowUpThrough() throws Exception {
        HeldStore store = new HeldStore();
        manager = new TaskManager(store, router, coreConfig(5000, 16));
        agent.script = (request, events) -> {
            if (request.task().history().size() == 1) {
                events.inputRequired(events.agentMessage("name?"));
            } else {
                events.completed(events.agentMessage("hello " + request.message().text()));
            }
        };
        SendMessageRequest immediately = new SendMessageRequest(null, Message.text("m1", Role.USER, "hi"),
                new SendMessageRequest.Configuration(List.of(), null, null, true), null);
        Task submitted = (Task) manager.send(CALLER, "scripted", immediately); // stored at once: its id is out
        awaitHeldWrites(store, 1);
        java.util.concurrent.CompletableFuture<EventStream> reader = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> manager.subscribe(CALLER, "scripted", submitted.id()));
        Thread.sleep(100);
        assertFalse(reader.isDone(), "the reader waits until the event it would see first is stored");
        store.releaseAll();
        EventStream stream = reader.get(5, TimeUnit.SECONDS);
        Task first = (Task) stream.next(Duration.ofSeconds(2));
        assertEquals(TaskState.INPUT_REQUIRED, first.status().state());
        assertEquals(TaskState.INPUT_REQUIRED, store.tasks.get(submitted.id()).status().state());

        Message reply = new Message("m2", submitted.contextId(), submitted.id(), Role.USER, List.of(Part.Text.of("Ada")),
                null, null, null);
        java.util.concurrent.CompletableFuture<StreamEvent> answer = manager.sendAsync(CALLER, "scripted", send(reply))
                .toCompletableFuture();
        for (int i = 0; i < 500 && !answer.isDone(); i++) { // the follow-up's events are stored as they come
            store.releaseAll();
            Thread.sleep(10);
        }
        Task done = (Task) answer.get(5, TimeUnit.SECONDS);
        assertEquals("hello Ada", done.status().message().text());
        List<StreamEvent> seen = drain(stream);
        assertEquals(TaskState.COMPLETED, ((TaskStatusUpdateEvent) seen.get(seen.size() - 1)).status().state(),
                "the reader sees the follow-up through to the end: " + seen);
    }

    private static void awaitHeldWrites(HeldStore store, int count) throws InterruptedException {
        for (int i = 0; i < 500 && store.held.size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, store.held.size(), "background writes waiting");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void register(String id, Agent agent) {
        router.add(id, agent);
    }

    private static SendMessageRequest send(Message message) {
        return new SendMessageRequest(null, message, null, null);
    }

    private void awaitState(String taskId, TaskState state) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (manager.get(CALLER, "scripted", taskId, 0).status().state() == state) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("task " + taskId + " never reached " + state);
    }

    private static List<StreamEvent> drain(EventStream stream) throws InterruptedException {
        List<StreamEvent> events = new ArrayList<>();
        while (!stream.ended()) {
            StreamEvent event = stream.next(Duration.ofSeconds(2));
            if (event == null && !stream.ended()) {
                throw new AssertionError("stream stalled after " + events);
            }
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store whose background saves wait until the test releases or fails them. */
    private static final class HeldStore extends StoreGateTest.MapStore {
        final List<java.util.concurrent.CompletableFuture<Void>> held = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public java.util.concurrent.CompletionStage<Void> saveAsync(String tenant, Task task, String agentId,
                List<io.agentx.api.StoredEvent> events) {
            java.util.concurrent.CompletableFuture<Void> write = new java.util.concurrent.CompletableFuture<>();
            held.add(write);
            return write.thenRun(() -> save(tenant, task, agentId, events));
        }

        void releaseAll() {
            List.copyOf(held).forEach(write -> {
                held.remove(write);
                write.complete(null);
            });
        }

        void failAll(Exception error) {
            List.copyOf(held).forEach(write -> {
                held.remove(write);
                write.completeExceptionally(error);
            });
        }
    }

    /** An agent whose behaviour each test scripts. */
    private static final class ScriptedAgent implements Agent {
        interface Script {
            void run(AgentRequest request, TaskEvents events);
        }

        volatile Script script = (request, events) -> events.completed(null);
        volatile TaskEvents lastEvents;
        volatile AgentCard card = new AgentCard("scripted", "test", List.of(), null, "1", null,
                new AgentCapabilities(true, false, List.of(), false), null, null, null, null, null, null, null);

        @Override
        public AgentCard card() {
            return card;
        }

        volatile int calls;

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            calls++;
            lastEvents = events;
            script.run(request, events);
        }

        @Override
        public void cancel(AgentRequest request, TaskEvents events) {
            calls++;
            events.cancelled();
        }
    }

    private static InMemoryTaskStoreConfig storeConfig(int megabytes) {
        return Configs.of(InMemoryTaskStoreConfig.class, Map.of("maxMegabytes", megabytes));
    }

    private static CoreConfig coreConfig(long timeoutMillis, int buffer) {
        return Configs.of(CoreConfig.class, Map.of("sendTimeoutMillis", timeoutMillis, "streamBuffer", buffer,
                "workerThreads", 4, "pushAllowPrivateDestinations", true));
    }
}
