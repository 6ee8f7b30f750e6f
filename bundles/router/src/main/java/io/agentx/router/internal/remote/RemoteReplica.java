package io.agentx.router.internal.remote;

import io.agentx.a2a.client.A2aClient;
import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.client.A2aConnector;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import io.agentx.router.internal.BoundedMap;
import io.agentx.router.internal.ForwardingAgent;
import io.agentx.router.internal.Probe;
import io.agentx.router.internal.ReplicaDetails;
import io.agentx.router.internal.ReplicaFeedback;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of a remote A2A agent as an {@link io.agentx.api.Agent}: forwards each request to the remote server (1.0 or 0.3,
 * whichever its card offers), streams its events back onto AgentX's task, and remembers the remote task ids so
 * that follow-ups and cancellations reach the right remote task.
 */
final class RemoteReplica implements ForwardingAgent, Probe, ReplicaDetails {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteReplica.class);
    private static final int TRACKED_TASKS = 100_000;

    private final String agentId;
    private final Executor followers;
    private final URI cardUrl;
    /** The replica's name in the directory (its card URL without credentials). */
    private final String name;
    private volatile A2aConnector connector;
    private volatile RemoteSettings settings;
    private final BoundedMap<String, RemoteTask> tasks = new BoundedMap<>(TRACKED_TASKS);
    private volatile A2aClient client;
    private volatile AgentCard card;
    private volatile String lastError = "its card has not been fetched yet";

    /**
     * @param followers runs what follows a remote task after its first answer when the caller does not wait
     *        (streams, {@code returnImmediately}), so that the task manager's workers are not held for its length
     */
    RemoteReplica(String agentId, URI cardUrl, A2aConnector connector, RemoteSettings settings, Executor followers) {
        this.agentId = agentId;
        this.followers = followers;
        this.cardUrl = cardUrl;
        this.name = CardUrls.shown(cardUrl);
        this.connector = connector;
        this.settings = settings;
        this.card = placeholderCard();
    }

    /** Applies changed credentials or timeouts: later requests use them, the health state stays. */
    void reconfigure(A2aConnector changedConnector, RemoteSettings changedSettings) {
        this.connector = changedConnector;
        this.settings = changedSettings;
        A2aClient current = client;
        if (current != null) {
            client = changedConnector.create(current.agentInterface());
        }
    }

    @Override
    public AgentCard card() {
        return card;
    }

    @Override
    public Duration probeInterval() {
        return settings.healthInterval();
    }

    /** Fetches the card (and, when configured, the probe path); a changed card is picked up for later requests. */
    @Override
    public void probe() {
        try {
            A2aClient fresh = connector.connect(cardUrl);
            AgentCard fetched = fresh.card().orElseThrow();
            A2aClient current = client;
            if (current == null || !current.agentInterface().equals(fresh.agentInterface())) {
                client = fresh;
            }
            if (!fetched.equals(card)) {
                card = fetched;
            }
            settings.pathProbe().ifPresent(probe -> probe.check(cardUrl));
        } catch (RuntimeException e) {
            lastError = describe(e);
            throw new IllegalStateException(lastError, e);
        }
    }

    @Override
    public void execute(AgentRequest request, TaskEvents events) {
        A2aClient remote = clientFor(request);
        String taskId = request.task().id();
        RemoteTask known = known(request);
        if (lostFollowUp(request, known, events)) {
            return;
        }
        RemoteEvents remoteEvents = remoteEvents(request, events);
        SendMessageRequest forwarded = forward(request, known);
        Runnable rest;
        try {
            rest = begin(remote, request, forwarded, remoteEvents);
        } catch (RuntimeException e) {
            fail(e, events, remoteEvents, true);
            forgetIfFinished(taskId, remoteEvents);
            return;
        }
        Runnable guarded = guarded(rest, taskId, events, remoteEvents);
        if (rest != null && (request.streaming() || request.configuration().returnImmediately())) {
            follow(guarded);
            return;
        }
        guarded.run();
    }

    /**
     * Sends a message without holding the caller's thread: the remote agent's answer is applied on the HTTP
     * client's I/O thread (which then answers a client waiting for the task). That thread must not block, so what
     * follows a task the remote agent has not settled yet, and a failover to another replica, run on a follower.
     * A stream is read by the caller's thread, as in execute.
     */
    @Override
    public void forward(AgentRequest request, TaskEvents events, Consumer<AgentUnreachableException> unreachable) {
        if (request.streaming() && card.capabilities().streaming()) {
            execute(request, events);
            return;
        }
        A2aClient remote = clientFor(request);
        String taskId = request.task().id();
        RemoteTask known = known(request);
        if (lostFollowUp(request, known, events)) {
            return;
        }
        RemoteEvents remoteEvents = remoteEvents(request, events);
        remote.sendMessageAsync(forward(request, known)).whenComplete((answer, error) -> {
            Runnable rest;
            try {
                if (error != null) {
                    throw unwrapped(error);
                }
                remoteEvents.apply(answer);
                rest = followUp(remote, request, remoteEvents);
            } catch (RuntimeException e) {
                failLater(e, events, remoteEvents, notReached -> offIoThread(() -> unreachable.accept(notReached)));
                forgetIfFinished(taskId, remoteEvents);
                return;
            }
            if (rest == null) {
                forgetIfFinished(taskId, remoteEvents);
            } else {
                followOffIoThread(guarded(rest, taskId, events, remoteEvents), taskId, events, remoteEvents);
            }
        });
    }

    /**
     * From the client's I/O thread: what follows the remote task goes to a follower. With every follower busy the
     * task fails clearly rather than block the thread that reads every remote agent's answers.
     */
    private void followOffIoThread(Runnable guarded, String taskId, TaskEvents events, RemoteEvents remoteEvents) {
        try {
            followers.execute(guarded);
        } catch (RejectedExecutionException full) {
            failQuietly(events, where() + " has not finished the task yet, and AgentX cannot follow it: it already"
                    + " follows as many remote tasks as it can; retry later");
            forgetIfFinished(taskId, remoteEvents);
        }
    }

    /** From the client's I/O thread: a failover (which may run another replica's agent) goes to a follower. */
    private void offIoThread(Runnable failover) {
        try {
            followers.execute(failover);
        } catch (RejectedExecutionException full) {
            failover.run(); // every follower busy: the next replica is most likely remote too, and does not block
        }
    }

    /** The failure a completion stage reports, without the CompletionException it is wrapped in. */
    private static RuntimeException unwrapped(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private RemoteEvents remoteEvents(AgentRequest request, TaskEvents events) {
        String taskId = request.task().id();
        return new RemoteEvents(events, request.task().status().state(), ids -> {
            RemoteTask before = tasks.get(taskId);
            tasks.put(taskId, ids);
            if (!ids.equals(before) && !ids.equals(RemoteTask.of(request.task(), name))) {
                try {
                    events.annotate(ids.metadata(name)); // kept with the task: a follow-up after a restart finds it
                } catch (IllegalStateException over) {
                    // the task ended meanwhile (canceled): nothing follows it
                }
            }
        });
    }

    /** The remote ids of the request's task: remembered here, or kept in the task's metadata by this replica. */
    private RemoteTask known(AgentRequest request) {
        RemoteTask remembered = tasks.get(request.task().id());
        return remembered != null ? remembered : RemoteTask.of(request.task(), name);
    }

    /** What follows the first answer, guarded: a failure fails the task; a finished task's remote ids are dropped. */
    private Runnable guarded(Runnable rest, String taskId, TaskEvents events, RemoteEvents remoteEvents) {
        return () -> {
            try {
                if (rest != null) {
                    rest.run();
                }
            } catch (RuntimeException e) {
                fail(e, events, remoteEvents, false);
            } finally {
                forgetIfFinished(taskId, remoteEvents);
            }
        };
    }

    /** Runs what follows a remote task on a follower, so that the thread at hand is free; on it if none is free. */
    private void follow(Runnable guarded) {
        try {
            followers.execute(guarded);
        } catch (RejectedExecutionException full) {
            guarded.run();
        }
    }

    /**
     * Sends the request. Returns what remains to be done to follow the remote task to its end, or {@code null}
     * when it is already settled. Failures here happen before anything reached AgentX's task.
     */
    private Runnable begin(A2aClient remote, AgentRequest request, SendMessageRequest forwarded,
            RemoteEvents remoteEvents) {
        if (request.streaming() && card.capabilities().streaming()) {
            A2aEventStream opened = remote.sendStreamingMessage(forwarded);
            return () -> follow(opened, remoteEvents);
        }
        remoteEvents.apply(remote.sendMessage(forwarded));
        return followUp(remote, request, remoteEvents);
    }

    /** What remains to follow a remote task after its first answer; {@code null} when it has settled. */
    private Runnable followUp(A2aClient remote, AgentRequest request, RemoteEvents remoteEvents) {
        RemoteTask ids = tasks.get(request.task().id());
        if (remoteEvents.settled() || ids == null) {
            return null;
        }
        return () -> settle(remote, ids.taskId(), remoteEvents);
    }

    /**
     * Reports a failure of a forwarded request once the caller is gone: {@code unreachable} when nothing reached the
     * agent (the router tries another replica), the remote agent's A2A error as the answer, else a failed task.
     */
    private void failLater(RuntimeException e, TaskEvents events, RemoteEvents remoteEvents,
            Consumer<AgentUnreachableException> unreachable) {
        try {
            fail(e, events, remoteEvents, true);
        } catch (AgentUnreachableException notReached) {
            unreachable.accept(notReached);
        } catch (A2aException error) {
            try {
                events.rejected(error);
            } catch (IllegalStateException alreadyFinal) {
                // the task ended meanwhile (e.g. canceled)
            }
        } catch (RuntimeException other) {
            failQuietly(events, where() + " failed: " + describe(other));
        }
    }

    /**
     * Reports a failure: as unreachable (so the router may fail over) only when nothing can have reached the agent;
     * an answer that is not A2A, before any event, as INVALID_AGENT_RESPONSE (-32006).
     */
    private void fail(RuntimeException e, TaskEvents events, RemoteEvents remoteEvents, boolean mayThrow) {
        if (e instanceof A2aClientException failure) {
            if (mayThrow && !failure.mayHaveReachedAgent() && !remoteEvents.applied()) {
                throw new AgentUnreachableException(where() + ": " + describe(e), e);
            }
            if (events instanceof ReplicaFeedback feedback) {
                feedback.transportFailed(describe(e));
            }
            if (mayThrow && !remoteEvents.applied() && isNotA2a(failure)) {
                throw new A2aException(io.agentx.a2a.model.A2aError.INVALID_AGENT_RESPONSE, where()
                        + " did not answer in A2A: " + describe(e), Map.of());
            }
            failQuietly(events, where() + " failed: " + describe(e));
        } else if (e instanceof A2aException error) {
            if (mayThrow && !remoteEvents.applied()) {
                throw error;
            }
            failQuietly(events, where() + " answered with an error: " + e.getMessage());
        } else if (mayThrow) {
            throw e;
        } else {
            failQuietly(events, where() + " failed: " + describe(e));
        }
    }

    /** An answer came, but not an A2A one: not JSON, the wrong shape, or an HTTP error without an A2A error. */
    private static boolean isNotA2a(A2aClientException failure) {
        return failure.failure() == A2aClientException.Failure.INVALID_RESPONSE
                || failure.failure() == A2aClientException.Failure.HTTP_STATUS;
    }

    private static void failQuietly(TaskEvents events, String reason) {
        try {
            events.failed(reason);
        } catch (IllegalStateException alreadyFinal) {
            // the task ended meanwhile (e.g. canceled)
        }
    }

    private void forgetIfFinished(String taskId, RemoteEvents remoteEvents) {
        if (remoteEvents.finished()) {
            tasks.remove(taskId); // only a task still working or waiting for input needs its remote ids
        }
    }

    /** The client for a request: with the caller's credentials when they are passed through. */
    private A2aClient clientFor(AgentRequest request) {
        A2aClient remote = client;
        if (remote == null) {
            throw new AgentUnreachableException(where() + " cannot be called yet: " + lastError, null);
        }
        Object credentials = request.context().metadata().get(RequestContext.CALLER_CREDENTIALS);
        if (settings.passCallerCredentials() && credentials instanceof Map<?, ?> headers && !headers.isEmpty()) {
            Map<String, String> passed = new java.util.LinkedHashMap<>();
            headers.forEach((name, value) -> passed.put(String.valueOf(name), String.valueOf(value)));
            return connector.create(remote.agentInterface(), passed);
        }
        return remote;
    }

    @Override
    public void cancel(AgentRequest request, TaskEvents events) {
        RemoteTask known = known(request);
        if (known == null) {
            events.cancelled(); // the remote agent has no task for it yet
            return;
        }
        if (client == null) {
            throw new A2aException(io.agentx.a2a.model.A2aError.AGENT_UNAVAILABLE, where() + " cannot be asked to cancel "
                    + "task " + request.task().id() + " yet: its card has not been fetched since AgentX started; retry",
                    Map.of());
        }
        A2aClient remote = clientFor(request);
        try {
            Task remoteTask = remote.cancelTask(known.taskId());
            if (remoteTask.status().state().isTerminal()) {
                try {
                    events.status(remoteTask.status().state(), remoteTask.status().message());
                } catch (IllegalStateException alreadyApplied) {
                    // the stream being followed delivered the remote agent's CANCELED first
                }
            }
        } catch (A2aClientException e) {
            throw new A2aException(io.agentx.a2a.model.A2aError.AGENT_UNAVAILABLE, where()
                    + " could not be asked to cancel task " + request.task().id() + ": " + describe(e), Map.of());
        }
    }

    /**
     * Fails a follow-up on a task whose remote task is not known here (neither remembered nor in the task's metadata,
     * e.g. a task stored by an AgentX that did not keep remote ids there): sent without it, the message would silently
     * start an unrelated task at the remote agent. Returns whether it did.
     */
    private boolean lostFollowUp(AgentRequest request, RemoteTask known, TaskEvents events) {
        if (known != null || request.task().status().state() == TaskState.SUBMITTED) {
            return false;
        }
        events.failed(where() + " cannot continue task " + request.task().id() + ": AgentX does not know the "
                + "remote agent's task behind it (the task was stored by an AgentX that kept no remote ids, or another "
                + "replica has it). Start a new task.");
        return true;
    }

    /** Waits for a task the remote agent is still working on: follows its stream if it has one, else polls it. */
    /**
     * Follows the remote task until it settles: through SubscribeToTask when the agent streams, else by polling
     * GetTask within the request timeout. A task still working when that has passed is failed, saying so, rather
     * than left working with no one following it.
     */
    private void settle(A2aClient remote, String remoteTaskId, RemoteEvents remoteEvents) {
        if (card.capabilities().streaming()) {
            follow(remote.subscribeToTask(remoteTaskId), remoteEvents);
            return;
        }
        long pause = 50;
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        while (!remoteEvents.settled() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 2000);
            remoteEvents.apply(remote.getTask(remoteTaskId, 0));
        }
        if (!remoteEvents.settled()) {
            remoteEvents.giveUp(where() + " had not finished its task " + remoteTaskId + " after "
                    + settings.requestTimeout().toMillis() + " ms (requestTimeoutSeconds) and does not stream its "
                    + "progress, so AgentX stopped following it");
            try {
                remote.cancelTask(remoteTaskId); // no one will see its result
            } catch (RuntimeException e) {
                LOG.debug("Canceling remote task {} of {} failed: {}", remoteTaskId, where(), e.getMessage());
            }
        }
    }

    private static void follow(A2aEventStream stream, RemoteEvents remoteEvents) {
        try (stream) {
            while (!remoteEvents.settled() && stream.hasNext()) {
                remoteEvents.apply(stream.next());
            }
        }
    }

    /**
     * The request as the remote agent must see it: its own task and context ids, no AgentX push configuration. A
     * client that asked to return immediately has its answer from AgentX already; the remote agent is asked the
     * same, so that its progress is followed and reaches AgentX's task as it happens.
     */
    private SendMessageRequest forward(AgentRequest request, RemoteTask known) {
        Message message = request.message();
        String contextId = known != null ? known.contextId() : request.task().contextId();
        Message outgoing = new Message(message.messageId(), contextId, known == null ? null : known.taskId(),
                message.role(), message.parts(), message.metadata(), message.extensions(), message.referenceTaskIds());
        SendMessageRequest.Configuration asked = request.configuration();
        SendMessageRequest.Configuration configuration = asked == null ? null
                : new SendMessageRequest.Configuration(asked.acceptedOutputModes(), null, null,
                        asked.returnImmediately());
        return new SendMessageRequest(null, outgoing, configuration, Map.of());
    }

    private AgentCard placeholderCard() {
        return new AgentCard(agentId, "Remote A2A agent at " + cardUrl + " (its card has not been fetched yet)",
                List.of(), null, "0", null, AgentCapabilities.NONE, Map.of(), List.of(), List.of("text/plain"),
                List.of("text/plain"), List.of(), List.of(), null);
    }

    private String where() {
        return "remote agent '" + agentId + "' at " + cardUrl.getScheme() + "://" + cardUrl.getHost()
                + (cardUrl.getPort() < 0 ? "" : ":" + cardUrl.getPort());
    }

    private static String describe(RuntimeException e) {
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("cardUrl", CardUrls.shown(cardUrl));
        A2aClient current = client;
        if (current != null) {
            details.put("url", current.agentInterface().url());
            details.put("protocolBinding", current.agentInterface().protocolBinding());
            details.put("protocolVersion", current.agentInterface().protocolVersion());
        }
        return details;
    }

    URI cardUrl() {
        return cardUrl;
    }
}
