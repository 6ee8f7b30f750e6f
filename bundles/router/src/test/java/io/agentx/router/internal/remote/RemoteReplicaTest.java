package io.agentx.router.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aClients;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.RequestContext;
import io.agentx.router.internal.RecordingEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A remote replica against a real HTTP server on loopback that plays an A2A 1.0 JSON-RPC agent. */
class RemoteReplicaTest {
    private HttpServer server;
    private volatile String answer = "complete";
    private final List<String> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private RemoteReplica replica;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/agent-card.json", exchange -> reply(exchange, 200, """
                {"name":"remote","description":"d","version":"1","supportedInterfaces":[{"url":"%s",
                "protocolBinding":"JSONRPC","protocolVersion":"1.0"}],"capabilities":{},"defaultInputModes":["text/plain"],
                "defaultOutputModes":["text/plain"],"skills":[]}""".formatted(base() + "/rpc")));
        server.createContext("/rpc", this::rpc);
        server.start();
        URI card = URI.create(base() + "/.well-known/agent-card.json");
        A2aClientOptions options = A2aClientOptions.builder().requestTimeout(Duration.ofMillis(500)).build();
        replica = new RemoteReplica("remote", card, A2aClients.connector(options),
                new RemoteSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), true), Runnable::run);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void beforeItsCardIsFetchedTheReplicaIsUnreachable() {
        AgentUnreachableException e = assertThrows(AgentUnreachableException.class, () -> run(newTask()));
        assertTrue(e.getMessage().contains("cannot be called yet"), e.getMessage());
    }

    @Test
    void aCompletedRemoteTaskCompletesAgentXsTaskWithItsArtifact() {
        replica.probe();
        RecordingEvents events = run(newTask());
        assertEquals(List.of(TaskState.COMPLETED), events.states);
        assertEquals(1, events.artifacts.size());
        assertEquals("remote", replica.card().name());
    }

    @Test
    void aFollowUpCarriesTheRemoteTaskIdNotAgentXs() throws Exception {
        replica.probe();
        answer = "input-required";
        Task task = newTask();
        run(task);
        answer = "complete";
        run(task);
        assertTrue(requests.get(1).contains("\"taskId\":\"remote-task\""), requests.get(1));
        assertTrue(!requests.get(1).contains(task.id()), "AgentX's own id never reaches the remote agent");
    }

    @Test
    void aFollowUpWhoseRemoteTaskIsNotKnownHereFailsInsteadOfStartingAnotherTaskThere() {
        replica.probe();
        Task asked = newTask();
        Message reply = Message.text(UUID.randomUUID().toString(), Role.USER, "my name is Ada")
                .withTask(asked.id(), asked.contextId());
        // the task as AgentX continues it after a restart: working again, with the follow-up in its history
        Task continued = new Task(asked.id(), asked.contextId(), new TaskStatus(TaskState.WORKING, null, Instant.now()),
                List.of(), List.of(asked.history().get(0), reply), Map.of());
        RecordingEvents events = new RecordingEvents(continued);
        replica.execute(new AgentRequest(new RequestContext("t", null, List.of(), "1.0", Map.of()), continued, reply,
                SendMessageRequest.Configuration.DEFAULT, false), events);

        assertEquals(List.of(TaskState.FAILED), events.states);
        assertTrue(events.failure.contains("does not know the remote agent's task"), events.failure);
        assertEquals(List.of(), requests, "nothing was sent to the remote agent");

        RecordingEvents forwarded = new RecordingEvents(continued);
        replica.forward(new AgentRequest(new RequestContext("t", null, List.of(), "1.0", Map.of()), continued, reply,
                SendMessageRequest.Configuration.DEFAULT, false), forwarded, unreachable -> { });
        assertEquals(List.of(TaskState.FAILED), forwarded.states, "the same for a forwarded blocking send");
        assertEquals(List.of(), requests);
    }

    /**
     * AgentX restarted while the remote agent waited for input: the remote ids kept in the task's metadata (by
     * fingerprint of the replica, never its URL) take the follow-up to the remote task; another replica does not use
     * them.
     */
    @Test
    void aFollowUpAfterARestartReachesTheRemoteTaskKeptInTheTasksMetadata() {
        replica.probe();
        answer = "input-required";
        Task asked = newTask();
        RecordingEvents first = run(asked);
        assertEquals(List.of(TaskState.INPUT_REQUIRED), first.states);
        Object kept = first.annotations.get("agentx.remoteTask");
        assertTrue(kept instanceof Map<?, ?> ids && "remote-task".equals(ids.get("id"))
                && "remote-context".equals(ids.get("contextId")), String.valueOf(kept));
        assertTrue(!kept.toString().contains("127.0.0.1"), "no address of the replica reaches clients: " + kept);

        Message reply = Message.text(UUID.randomUUID().toString(), Role.USER, "my name is Ada")
                .withTask(asked.id(), asked.contextId());
        Task stored = new Task(asked.id(), asked.contextId(), new TaskStatus(TaskState.WORKING, null, Instant.now()),
                List.of(), List.of(asked.history().get(0), reply), Map.copyOf(first.annotations));
        RemoteReplica restarted = new RemoteReplica("remote", URI.create(base() + "/.well-known/agent-card.json"),
                A2aClients.connector(A2aClientOptions.builder().build()),
                new RemoteSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), true), Runnable::run);
        restarted.probe();
        answer = "complete";
        RecordingEvents followUp = new RecordingEvents(stored);
        restarted.execute(new AgentRequest(new RequestContext("t", null, List.of(), "1.0", Map.of()), stored, reply,
                SendMessageRequest.Configuration.DEFAULT, false), followUp);
        assertEquals(List.of(TaskState.COMPLETED), followUp.states);
        assertTrue(requests.get(requests.size() - 1).contains("\"taskId\":\"remote-task\""), requests.toString());

        RemoteReplica other = new RemoteReplica("remote", URI.create(base() + "/.well-known/agent-card.json?replica=2"),
                A2aClients.connector(A2aClientOptions.builder().build()),
                new RemoteSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), true), Runnable::run);
        other.probe();
        int sent = requests.size();
        RecordingEvents elsewhere = new RecordingEvents(stored);
        other.execute(new AgentRequest(new RequestContext("t", null, List.of(), "1.0", Map.of()), stored, reply,
                SendMessageRequest.Configuration.DEFAULT, false), elsewhere);
        assertEquals(List.of(TaskState.FAILED), elsewhere.states, "another replica does not have the remote task");
        assertEquals(sent, requests.size());
    }

    @Test
    void theCallersCredentialsArePassedThroughWhenConfigured() {
        replica.probe();
        run(newTask(), Map.of(RequestContext.CALLER_CREDENTIALS, Map.of("Authorization", "Bearer caller-token")));
        run(newTask(), Map.of());
        assertEquals(List.of("Bearer caller-token", "null"), authorizations);
    }

    @Test
    void aRefusedConnectionIsSafeToFailOver() {
        replica.probe();
        server.stop(0);
        AgentUnreachableException e = assertThrows(AgentUnreachableException.class, () -> run(newTask()));
        assertTrue(e.getMessage().contains("remote agent 'remote'"), e.getMessage());
    }

    @Test
    void aTimeoutMayHaveReachedTheAgentSoItFailsTheTaskAndCountsAgainstTheReplica() {
        replica.probe();
        answer = "slow";
        RecordingEvents events = run(newTask());
        assertEquals(List.of(TaskState.FAILED), events.states);
        assertTrue(events.transportFailure != null, "the replica's health hears of it");
    }

    @Test
    void aRemoteTaskStillWorkingAfterTheRequestTimeoutIsFailedSayingSoAndCanceledThere() {
        replica.probe();
        answer = "working"; // and it never streams: AgentX polls GetTask
        RecordingEvents events = run(newTask());

        assertEquals(List.of(TaskState.WORKING, TaskState.FAILED), events.states, "not left working forever");
        assertTrue(events.failure.contains("had not finished its task remote-task after 1000 ms"), events.failure);
        assertTrue(events.failure.contains("stopped following it"), events.failure);
        assertTrue(requests.get(requests.size() - 1).contains("\"CancelTask\""), "no one will see its result");
    }

    @Test
    void credentialsInACardUrlAreNeverShown() {
        int port = server.getAddress().getPort();
        URI card = URI.create("http://user:secret@127.0.0.1:" + port + "/.well-known/agent-card.json");
        replica = new RemoteReplica("remote", card, A2aClients.connector(A2aClientOptions.builder().build()),
                new RemoteSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Optional.empty(), true), Runnable::run);
        replica.probe();
        server.stop(0);

        AgentUnreachableException e = assertThrows(AgentUnreachableException.class, () -> run(newTask()));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertEquals("http://***@127.0.0.1:" + port + "/.well-known/agent-card.json",
                replica.details().get("cardUrl"));
    }

    @Test
    void anA2aErrorOfTheRemoteAgentReachesTheCallerAsItIs() {
        replica.probe();
        answer = "error";
        A2aException e = assertThrows(A2aException.class, () -> run(newTask()));
        assertEquals(A2aError.INVALID_PARAMS, e.error());
        assertTrue(e.getMessage().contains("bad part"), e.getMessage());
    }

    @Test
    void anAnswerThatIsNotA2aReachesTheCallerAsAnInvalidAgentResponse() {
        replica.probe();
        answer = "not-a2a";
        A2aException e = assertThrows(A2aException.class, () -> run(newTask()));
        assertEquals(A2aError.INVALID_AGENT_RESPONSE, e.error());
        assertEquals(-32006, e.error().code());
        assertTrue(e.getMessage().contains("remote agent 'remote'") && e.getMessage().contains("did not answer in A2A")
                && e.getMessage().contains("needs one of task, message"), e.getMessage());
        answer = "bad-gateway";
        A2aException status = assertThrows(A2aException.class, () -> run(newTask()));
        assertEquals(A2aError.INVALID_AGENT_RESPONSE, status.error());
        assertTrue(status.getMessage().contains("HTTP 502"), status.getMessage());
    }

    @Test
    void anAnswerThatIsNotA2aToAForwardedSendRejectsTheRequestAndCountsAgainstTheReplica() throws Exception {
        replica.probe();
        answer = "not-a2a";
        RecordingEvents events = new RecordingEvents(newTask());
        replica.forward(request(events.task(), Map.of()), events, e -> {
            throw new AssertionError("the agent was reached", e);
        });
        await(() -> events.rejection != null);
        assertEquals(A2aError.INVALID_AGENT_RESPONSE, events.rejection.error());
        assertTrue(events.transportFailure != null, "the replica's health hears of it");
    }

    @Test
    void aForwardedSendReturnsBeforeTheAnswerWhichThenCompletesTheTask() throws Exception {
        replica.probe();
        answer = "held";
        RecordingEvents events = new RecordingEvents(newTask());
        List<AgentUnreachableException> unreachable = new CopyOnWriteArrayList<>();
        replica.forward(request(events.task(), Map.of()), events, unreachable::add);
        assertTrue(held.await(5, TimeUnit.SECONDS), "the request reached the remote agent");
        assertEquals(List.of(), events.states, "nothing happens before the remote agent answers");
        release.countDown();
        await(() -> !events.states.isEmpty());
        assertEquals(List.of(TaskState.COMPLETED), events.states);
        assertEquals(1, events.artifacts.size());
        assertEquals(List.of(), unreachable);
    }

    @Test
    void aForwardedSendThatIsRefusedIsReportedAsUnreachableWithoutEvents() throws Exception {
        replica.probe();
        server.stop(0);
        RecordingEvents events = new RecordingEvents(newTask());
        List<AgentUnreachableException> unreachable = new CopyOnWriteArrayList<>();
        replica.forward(request(events.task(), Map.of()), events, unreachable::add);
        await(() -> !unreachable.isEmpty());
        assertTrue(unreachable.get(0).getMessage().contains("remote agent 'remote'"), unreachable.get(0).getMessage());
        assertEquals(List.of(), events.states, "the task is left for another replica");
        assertEquals(null, events.rejection);
    }

    @Test
    void anA2aErrorToAForwardedSendRejectsTheRequestWithIt() throws Exception {
        replica.probe();
        answer = "error";
        RecordingEvents events = new RecordingEvents(newTask());
        replica.forward(request(events.task(), Map.of()), events, e -> {
            throw new AssertionError("the agent was reached", e);
        });
        await(() -> events.rejection != null);
        assertEquals(A2aError.INVALID_PARAMS, events.rejection.error());
        assertTrue(events.rejection.getMessage().contains("bad part"), events.rejection.getMessage());
    }

    @Test
    void aForwardedSendThatTimesOutFailsTheTaskAndCountsAgainstTheReplica() throws Exception {
        replica.probe();
        answer = "slow";
        RecordingEvents events = new RecordingEvents(newTask());
        replica.forward(request(events.task(), Map.of()), events, e -> {
            throw new AssertionError("a timeout may have reached the agent", e);
        });
        await(() -> !events.states.isEmpty());
        assertEquals(List.of(TaskState.FAILED), events.states);
        assertTrue(events.transportFailure != null, "the replica's health hears of it");
    }

    @Test
    void aRemoteTaskNoFollowerIsFreeToFollowFailsClearlyAndLeavesTheClientsThreadFree() throws Exception {
        URI card = URI.create(base() + "/.well-known/agent-card.json");
        replica = new RemoteReplica("remote", card, A2aClients.connector(A2aClientOptions.builder().build()),
                new RemoteSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Optional.empty(), true), runnable -> {
                    throw new RejectedExecutionException("every follower is busy");
                });
        replica.probe();
        answer = "working";
        RecordingEvents events = new RecordingEvents(newTask());
        replica.forward(request(events.task(), Map.of()), events, e -> {
            throw new AssertionError("the agent was reached", e);
        });
        await(() -> events.states.contains(TaskState.FAILED));
        assertTrue(events.failure.contains("cannot follow it"), events.failure);

        answer = "complete";
        RecordingEvents next = new RecordingEvents(newTask());
        replica.forward(request(next.task(), Map.of()), next, e -> {
            throw new AssertionError("the agent was reached", e);
        });
        await(() -> !next.states.isEmpty());
        assertEquals(List.of(TaskState.COMPLETED), next.states, "the next answer is read at once");
    }

    @Test
    void aProbeOfAnAgentThatIsDownNamesTheProblem() {
        server.stop(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, replica::probe);
        assertTrue(e.getMessage().contains("connect") || e.getMessage().contains("refused"), e.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void rpc(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (requests) {
            requests.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        }
        switch (answer) {
            case "held" -> {
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, task("TASK_STATE_COMPLETED"));
            }
            case "slow" -> {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, task("TASK_STATE_COMPLETED"));
            }
            case "error" -> reply(exchange, 200, """
                    {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"bad part"}}""");
            case "not-a2a" -> reply(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"neither\":\"task nor message\"}}");
            case "bad-gateway" -> reply(exchange, 502, "<html>Bad Gateway</html>");
            case "input-required" -> reply(exchange, 200, task("TASK_STATE_INPUT_REQUIRED"));
            case "working" -> reply(exchange, 200, body.contains("\"SendMessage\"") ? task("TASK_STATE_WORKING")
                    : """
                    {"jsonrpc":"2.0","id":1,"result":{"id":"remote-task","contextId":"remote-context",
                    "status":{"state":"TASK_STATE_WORKING"}}}"""); // GetTask, CancelTask: the task itself
            default -> reply(exchange, 200, task("TASK_STATE_COMPLETED"));
        }
    }

    private static String task(String state) {
        return """
                {"jsonrpc":"2.0","id":1,"result":{"task":{"id":"remote-task","contextId":"remote-context",
                "status":{"state":"%s"},"artifacts":[{"artifactId":"out","parts":[{"text":"done"}]}]}}}"""
                .formatted(state);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // no pooled connections: after stop() the next call is refused, not sent on a connection closing meanwhile
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private RecordingEvents run(Task task) {
        return run(task, Map.of());
    }

    private RecordingEvents run(Task task, Map<String, Object> metadata) {
        RecordingEvents events = new RecordingEvents(task);
        replica.execute(request(task, metadata), events);
        return events;
    }

    private static AgentRequest request(Task task, Map<String, Object> metadata) {
        return new AgentRequest(new RequestContext("t", null, List.of(), "1.0", metadata), task,
                task.history().get(0), SendMessageRequest.Configuration.DEFAULT, false);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private static Task newTask() {
        String id = UUID.randomUUID().toString();
        String context = UUID.randomUUID().toString();
        return new Task(id, context, new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(),
                List.of(Message.text(UUID.randomUUID().toString(), Role.USER, "hi").withTask(id, context)), Map.of());
    }
}
