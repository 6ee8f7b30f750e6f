package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aClients;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AgentX's own Java A2A client ({@code bundles/a2a-client}) against the built-in {@code echo} agent of a running
 * distribution, over each protocol version and binding the agent's card offers: 1.0 JSON-RPC, 1.0 HTTP+JSON,
 * 0.3 JSON-RPC and 0.3 HTTP+JSON.
 */
class A2aJavaClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static AgentxProcess agentx;

    @BeforeAll
    static void start() throws Exception {
        agentx = AgentxProcess.fresh().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentx != null) {
            agentx.close();
        }
    }

    static Stream<Arguments> interfaces() {
        return Stream.of(Arguments.of("1.0", AgentInterface.JSONRPC), Arguments.of("1.0", AgentInterface.HTTP_JSON),
                Arguments.of("0.3", AgentInterface.JSONRPC), Arguments.of("0.3", AgentInterface.HTTP_JSON));
    }

    @Test
    void withoutPreferencesTheClientTakesTheCardsFirstA2a10Interface() {
        A2aClient client = A2aClients.connect(cardUrl("echo"), A2aClientOptions.builder()
                .apiKey("X-API-Key", AgentxProcess.API_KEY).build());
        assertEquals(new AgentInterface(base() + "/agents/echo", AgentInterface.JSONRPC, "1.0", null), client.agentInterface());
        assertEquals("Echo", client.card().orElseThrow().name());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void connectChoosesThePreferredInterface(String version, String binding) {
        AgentInterface chosen = client(version, binding).agentInterface();
        assertEquals(version, chosen.protocolVersion());
        assertEquals(binding, chosen.protocolBinding());
        assertEquals(base() + (binding.equals(AgentInterface.HTTP_JSON) ? "/agents/echo/rest" : "/agents/echo"), chosen.url());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void sendEchoesTheTextAsArtifactAndCompletes(String version, String binding) {
        Task task = send(client(version, binding), "hello from " + version + " " + binding);
        assertEquals(TaskState.COMPLETED, task.status().state());
        assertEquals("hello from " + version + " " + binding, task.status().message().text());
        assertEquals("echo", task.artifacts().get(0).artifactId());
        assertEquals(List.of(Part.Text.of("hello from " + version + " " + binding)), task.artifacts().get(0).parts());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void streamingSendsTheTaskWordChunksAndCompletionThenEnds(String version, String binding) {
        List<StreamEvent> events;
        try (A2aEventStream stream = client(version, binding).sendStreamingMessage(request(message("one two three")))) {
            events = stream.stream().toList();
            assertFalse(stream.hasNext());
        }
        assertInstanceOf(Task.class, events.get(0));
        List<TaskArtifactUpdateEvent> chunks = events.stream().filter(TaskArtifactUpdateEvent.class::isInstance)
                .map(TaskArtifactUpdateEvent.class::cast).toList();
        assertEquals(List.of("one ", "two ", "three"), chunks.stream().map(chunk -> text(chunk.artifact().parts())).toList());
        assertFalse(chunks.get(0).append());
        assertTrue(chunks.get(1).append() && chunks.get(2).append() && chunks.get(2).lastChunk());
        assertEquals(TaskState.COMPLETED, lastState(events));
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void getTaskReturnsTheTaskWithTheRequestedHistory(String version, String binding) {
        A2aClient client = client(version, binding);
        Task sent = send(client, "remember me");
        Task full = client.getTask(sent.id(), null);
        assertEquals(sent.id(), full.id());
        assertEquals(TaskState.COMPLETED, full.status().state());
        assertTrue(full.history().size() >= 2, "history of user and agent messages: " + full.history());
        Task last = client.getTask(sent.id(), 1);
        assertEquals(1, last.history().size());
        assertEquals(full.history().get(full.history().size() - 1).messageId(), last.history().get(0).messageId());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void listTasksFindsTheTasksOfAContextIn10Only(String version, String binding) {
        A2aClient client = client(version, binding);
        ListTasksRequest request = new ListTasksRequest(null, null, null, 10, null, 0, null, false);
        if (version.equals("0.3")) {
            UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class, () -> client.listTasks(request));
            assertTrue(error.getMessage().contains("A2A 0.3"), error.getMessage());
            return;
        }
        Task first = send(client, "first of a context");
        Task second = assertInstanceOf(Task.class, client.sendMessage(withIds(message("second of a context"), null,
                first.contextId())));
        ListTasksResponse list = client.listTasks(new ListTasksRequest(null, first.contextId(), null, 10, null, 0, null, true));
        assertEquals(List.of(second.id(), first.id()), list.tasks().stream().map(Task::id).toList(), "newest first");
        assertEquals(2, list.totalSize());
        assertEquals("", list.nextPageToken());
        assertEquals("echo", list.tasks().get(0).artifacts().get(0).artifactId(), "includeArtifacts");
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void aWaitingTaskIsCanceled(String version, String binding) {
        A2aClient client = client(version, binding);
        Task waiting = startWaiting(client, "wait for a cancel");
        Task canceled = client.cancelTask(waiting.id());
        assertEquals(TaskState.CANCELED, canceled.status().state());
        assertEquals(TaskState.CANCELED, client.getTask(waiting.id(), 0).status().state());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void aSubscriberOfAWaitingTaskSeesItCanceledAndTheStreamEnds(String version, String binding) {
        A2aClient client = client(version, binding);
        Task waiting = startWaiting(client, "wait for a subscriber");
        try (A2aEventStream stream = client.subscribeToTask(waiting.id())) {
            Task first = assertInstanceOf(Task.class, stream.next(), "the current task comes first");
            assertEquals(waiting.id(), first.id());
            assertFalse(first.status().state().isTerminal());
            client.cancelTask(waiting.id());
            List<StreamEvent> rest = new ArrayList<>();
            stream.forEachRemaining(rest::add);
            assertEquals(TaskState.CANCELED, lastState(rest), "events after the cancel: " + rest);
            assertFalse(stream.hasNext());
        }
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void closingASubscriptionLetsTheTaskGoOn(String version, String binding) {
        A2aClient client = client(version, binding);
        Task waiting = startWaiting(client, "wait while a subscriber leaves");
        A2aEventStream stream = client.subscribeToTask(waiting.id());
        assertInstanceOf(Task.class, stream.next());
        stream.close();
        assertFalse(stream.hasNext());
        assertEquals(TaskState.CANCELED, client.cancelTask(waiting.id()).status().state());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void askNeedsInputAndTheReplyOnTheSameTaskCompletesIt(String version, String binding) {
        A2aClient client = client(version, binding);
        Task asked = send(client, "ask me something");
        assertEquals(TaskState.INPUT_REQUIRED, asked.status().state());
        assertEquals("What is your name?", asked.status().message().text());
        Task answered = assertInstanceOf(Task.class, client.sendMessage(withIds(message("Ada"), asked.id(), asked.contextId())));
        assertEquals(asked.id(), answered.id());
        assertEquals(TaskState.COMPLETED, answered.status().state());
        assertEquals("Nice to meet you, Ada", answered.status().message().text());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void pushNotificationConfigsAreCreatedReadListedAndDeleted(String version, String binding) {
        A2aClient client = client(version, binding);
        assertTrue(client.card().orElseThrow().capabilities().pushNotifications(), "the distribution offers push notifications");
        Task waiting = startWaiting(client, "wait with a webhook");
        // a public documentation address (TEST-NET-3) passes the server's SSRF guard; it is deleted before any push
        TaskPushNotificationConfig created = client.createPushConfig(new TaskPushNotificationConfig(null, "java-it",
                waiting.id(), "https://203.0.113.7/a2a-webhook", "token-1", null));
        assertEquals("java-it", created.id());
        assertEquals(waiting.id(), created.taskId());
        assertEquals("https://203.0.113.7/a2a-webhook", client.getPushConfig(waiting.id(), "java-it").url());
        assertEquals(List.of("java-it"), client.listPushConfigs(waiting.id()).stream().map(TaskPushNotificationConfig::id).toList());
        client.deletePushConfig(waiting.id(), "java-it");
        assertEquals(List.of(), client.listPushConfigs(waiting.id()));
        client.cancelTask(waiting.id());
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void anUnknownTaskIsTaskNotFoundWithTheServersMessage(String version, String binding) {
        A2aClient client = client(version, binding);
        String id = "no-such-task-" + UUID.randomUUID();
        A2aException get = assertThrows(A2aException.class, () -> client.getTask(id, null));
        assertEquals(A2aError.TASK_NOT_FOUND, get.error());
        assertEquals("no task with id " + id + " at agent 'echo'", get.getMessage());
        assertEquals(id, get.details().get("taskId"));
        assertEquals(A2aError.TASK_NOT_FOUND, assertThrows(A2aException.class, () -> client.cancelTask(id)).error());
        assertEquals(A2aError.TASK_NOT_FOUND, assertThrows(A2aException.class, () -> client.subscribeToTask(id)).error(),
                "a stream request answered with an error");
    }

    @ParameterizedTest(name = "A2A {0} over {1}")
    @MethodSource("interfaces")
    void finishedTasksCannotBeCanceledNorContinued(String version, String binding) {
        A2aClient client = client(version, binding);
        Task done = send(client, "done already");
        assertEquals(A2aError.TASK_NOT_CANCELABLE, assertThrows(A2aException.class, () -> client.cancelTask(done.id())).error());
        assertEquals(A2aError.UNSUPPORTED_OPERATION, assertThrows(A2aException.class,
                () -> client.sendMessage(withIds(message("too late"), done.id(), done.contextId()))).error());
    }

    @Test
    void aClosedPortIsAClientErrorThatNeverReachedTheAgent() throws Exception {
        int closed = AgentxProcess.freePort();
        URI card = URI.create("http://127.0.0.1:" + closed + "/agents/echo/.well-known/agent-card.json");
        A2aClientException connect = assertThrows(A2aClientException.class, () -> A2aClients.connect(card));
        assertEquals(A2aClientException.Failure.CONNECT, connect.failure());
        assertFalse(connect.mayHaveReachedAgent());
        assertTrue(connect.getMessage().contains("never reached the agent"), connect.getMessage());

        A2aClient direct = A2aClients.create(new AgentInterface("http://127.0.0.1:" + closed + "/agents/echo",
                AgentInterface.JSONRPC, "1.0", null), A2aClientOptions.defaults());
        A2aClientException send = assertThrows(A2aClientException.class, () -> direct.sendMessage(message("anyone?")));
        assertEquals(A2aClientException.Failure.CONNECT, send.failure());
        assertFalse(send.mayHaveReachedAgent());
    }

    @Test
    void anUnknownAgentsCardIsAnHttpFailure() {
        A2aClientException error = assertThrows(A2aClientException.class, () -> A2aClients.connect(cardUrl("nobody")));
        assertEquals(A2aClientException.Failure.HTTP_STATUS, error.failure());
        assertEquals(404, error.httpStatus());
    }

    private static A2aClient client(String version, String binding) {
        return A2aClients.connect(cardUrl("echo"), A2aClientOptions.builder().preferVersion(version).preferBinding(binding)
                .apiKey("X-API-Key", AgentxProcess.API_KEY)
                .requestTimeout(TIMEOUT).streamReadTimeout(TIMEOUT).build());
    }

    private static Task send(A2aClient client, String text) {
        return assertInstanceOf(Task.class, client.sendMessage(message(text)));
    }

    /** Sends a {@code wait} message that returns at once and leaves the task working until it is canceled. */
    private static Task startWaiting(A2aClient client, String text) {
        Task task = assertInstanceOf(Task.class, client.sendMessage(new SendMessageRequest(null, message(text),
                new SendMessageRequest.Configuration(List.of(), null, null, true), null)));
        assertNotEquals(TaskState.COMPLETED, task.status().state());
        assertFalse(task.status().state().isTerminal(), "a wait task must not be finished: " + task.status());
        return task;
    }

    private static Message message(String text) {
        return Message.text(UUID.randomUUID().toString(), Role.USER, text);
    }

    private static Message withIds(Message message, String taskId, String contextId) {
        return message.withTask(taskId, contextId);
    }

    private static SendMessageRequest request(Message message) {
        return new SendMessageRequest(null, message, null, null);
    }

    private static TaskState lastState(List<StreamEvent> events) {
        StreamEvent last = events.get(events.size() - 1);
        if (last instanceof TaskStatusUpdateEvent update) {
            return update.status().state();
        }
        return assertInstanceOf(Task.class, last, "the last event: " + last).status().state();
    }

    private static String text(List<Part> parts) {
        return parts.stream().map(part -> ((Part.Text) part).text()).collect(Collectors.joining());
    }

    private static URI cardUrl(String agent) {
        return URI.create(base() + "/agents/" + agent + "/.well-known/agent-card.json");
    }

    private static String base() {
        return "http://127.0.0.1:" + agentx.port();
    }
}
