package io.agentx.core.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.A2aService;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.EventStream;
import io.agentx.api.RequestContext;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import io.agentx.router.api.AgentRouter;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task manager: creates tasks, runs agents on them, enforces the lifecycle and fans events out. Tasks in
 * flight (not yet terminal) live in memory as {@link TaskRun}s, which store each event before anyone outside sees
 * it; the store in use is the best-ranked one, swapped live ({@link StoreGate}). When a durable store arrives,
 * tasks it holds as in flight that no agent here works on are settled ({@link Recovery}).
 */
@Component(service = A2aService.class, configurationPid = "io.agentx.core")
@Designate(ocd = CoreConfig.class)
public final class TaskManager implements A2aService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    private static final long STOP_WRITES_SECONDS = 5;

    private final StoreGate store;
    /** Whether AgentX as a whole is stopping (not just this component). */
    private final java.util.function.BooleanSupplier stopping;
    /** Whether push deliveries left by the last run were restored (once: later stores are swaps of this run). */
    private final java.util.concurrent.atomic.AtomicBoolean pushesRestored = new java.util.concurrent.atomic.AtomicBoolean();
    private final AgentRouter router;
    private final Map<String, TaskRun> live = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    /** Ends asynchronous sends whose task did not settle within the send timeout, up to 100 ms late. */
    private final SendDeadlines deadlines = new SendDeadlines(100);
    private final A2aJson json = new A2aJson();
    private volatile CoreConfig config;
    private final PushNotifier push;
    private final CallerAccess access = new CallerAccess();

    /** Looks up push destinations' host names (the JVM's resolver but in tests). */
    private final HostResolver hosts;

    /** For tests: a task manager on one store. */
    TaskManager(TaskStore store, AgentRouter router, CoreConfig config) {
        this(store, router, config, HostResolver.SYSTEM);
    }

    /** For tests: a task manager on one store, whose push destinations' host names the given resolver answers. */
    TaskManager(TaskStore store, AgentRouter router, CoreConfig config, HostResolver hosts) {
        this(router, config, null, hosts);
        addStore(store, java.util.Map.of());
    }

    @Activate
    public TaskManager(@Reference AgentRouter router, CoreConfig config, BundleContext context) {
        this(router, config, context, HostResolver.SYSTEM);
    }

    private TaskManager(AgentRouter router, CoreConfig config, BundleContext context, HostResolver hosts) {
        this.hosts = hosts;
        this.stopping = () -> context != null && context.getBundle(0).getState() == Bundle.STOPPING;
        this.store = new StoreGate(config.storeSwapTimeoutMillis(), this::recoverInBackground, stopping);
        store.awaitDurableFrom(DurableStoreBundles.expected(context));
        this.router = router;
        this.config = config;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), runnable -> {
                    Thread thread = new Thread(runnable, "agentx-agent-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        this.push = new PushNotifier(json, pushSettings(config), workers, store);
    }

    private PushNotifier.Settings pushSettings(CoreConfig settings) {
        return new PushNotifier.Settings(new PushDestinationGuard(settings.pushAllowPrivateDestinations(),
                List.of(settings.pushAllowedHosts()), hosts), settings.pushAttempts(),
                java.time.Duration.ofMillis(settings.pushTimeoutMillis()));
    }

    @Reference(service = TaskStore.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStore(TaskStore added, Map<String, Object> properties) {
        store.add(new StoreGate.Candidate(added, properties.get("service.ranking") instanceof Integer ranking ? ranking : 0,
                properties.get("service.id") instanceof Long id ? id : 0L,
                Boolean.TRUE.equals(properties.get(TaskStore.DURABLE))));
    }

    void removeStore(TaskStore removed) {
        store.remove(removed);
    }

    /** The security service that authorizes authenticated callers (while it is being updated, they are refused). */
    @Reference(service = CallGuard.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeGuard")
    void addGuard(CallGuard guard) {
        access.guard(guard);
    }

    void removeGuard(CallGuard guard) {
        access.unguard(guard);
    }

    @Modified
    void modified(CoreConfig changed) {
        this.config = changed;
        store.swapTimeout(changed.storeSwapTimeoutMillis());
        push.reconfigure(pushSettings(changed));
        workers.setMaximumPoolSize(Math.max(changed.workerThreads(), workers.getCorePoolSize()));
        workers.setCorePoolSize(changed.workerThreads());
        workers.setMaximumPoolSize(changed.workerThreads());
    }

    @Deactivate
    void deactivate() {
        workers.shutdown();
        deadlines.close();
        List<CompletableFuture<Task>> failing = new ArrayList<>();
        for (TaskRun run : live.values()) {
            if (run.snapshot().status().state().isInterrupted()) {
                continue; // waiting for the client: it stays waiting, in the store
            }
            if (stopping.getAsBoolean() && run.agentId() != null && router.resumesTasks(run.agentId())) {
                continue; // AgentX is stopping: its agent gets the task back on the next start
            }
            try {
                run.failed("AgentX stopped the task manager while the task was running");
                failing.add(run.settled());
            } catch (IllegalStateException alreadyFinal) {
                // finished meanwhile
            } catch (RuntimeException e) {
                LOG.warn("Task {} could not be marked failed at stop ({}); recovery settles it on the next start",
                        run.taskId(), e.getMessage());
            }
        }
        awaitStored(failing);
        store.close();
        push.close();
    }

    /** Gives the failed states written at stop a few seconds to be stored; recovery settles any that are not. */
    private static void awaitStored(List<CompletableFuture<Task>> failing) {
        try {
            CompletableFuture.allOf(failing.toArray(CompletableFuture[]::new)).get(STOP_WRITES_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Not every task running at stop could be stored as failed ({}); recovery settles them on the next "
                    + "start", e.getCause() != null ? e.getCause().getMessage() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<String> agentIds() {
        return router.agentIds();
    }

    @Override
    public Optional<AgentCard> card(String agentId) {
        return router.card(agentId);
    }

    @Override
    public StreamEvent send(RequestContext caller, String agentId, SendMessageRequest request) {
        PendingSend pending = begin(caller, agentId, request);
        if (pending.answer() != null) {
            return pending.answer();
        }
        try {
            return settledAnswer(pending, pending.run().settled().get(config.sendTimeoutMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return timedOutAnswer(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending.run().snapshot().withHistoryLength(pending.historyLength());
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /**
     * The same as {@link #send}, without a thread waiting for the task: the answer completes on the thread that
     * settles it (the agent's), or with the task as it stands when the send timeout passes.
     */
    @Override
    public CompletionStage<StreamEvent> sendAsync(RequestContext caller, String agentId, SendMessageRequest request) {
        PendingSend pending;
        try {
            pending = begin(caller, agentId, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (pending.answer() != null) {
            return CompletableFuture.completedFuture(pending.answer());
        }
        CompletableFuture<StreamEvent> answer = new CompletableFuture<>();
        if (!pending.run().settled().isDone()) {
            deadlines.add(answer, config.sendTimeoutMillis(), () -> onWorker(() -> answerAtTimeout(pending, answer)));
        }
        pending.run().settled().whenComplete((task, error) -> {
            deadlines.remove(answer);
            if (error != null) {
                answer.completeExceptionally(failure(Completions.cause(error)));
            } else {
                answer.complete(settledAnswer(pending, task));
            }
        });
        return answer;
    }

    /** Answers a send whose task did not settle in time with the task as it stands, once that is stored. */
    private static void answerAtTimeout(PendingSend pending, CompletableFuture<StreamEvent> answer) {
        if (answer.isDone()) {
            return;
        }
        try {
            answer.complete(timedOutAnswer(pending));
        } catch (RuntimeException e) {
            answer.completeExceptionally(failure(e)); // e.g. the store could not keep the task: the client hears so
        }
    }

    /**
     * Runs blocking work (a store write, an answer) on the worker pool, or here if the pool refuses it: sends
     * timing out together then share group commits instead of queueing one commit after another on the timer.
     */
    private void onWorker(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException full) {
            work.run();
        }
    }

    /** A send under way: its run and the history length asked for, or the answer it already has. */
    private record PendingSend(TaskRun run, Integer historyLength, StreamEvent answer) {
    }

    /** Starts a send: checks it, creates or continues the task and hands it to the agent. */
    private PendingSend begin(RequestContext caller, String agentId, SendMessageRequest request) {
        RequestContext context = access.bind(caller);
        String target = agentId != null ? agentId : gatewayTarget(context, request.message());
        access.authorize(context, Operation.SEND, target, request.message());
        RequestChecks.check(installedCard(target), context, request);
        TaskPushNotificationConfig destination = pushDestinationOf(context, request);
        TaskRun run = start(context, agentId, target, request);
        TaskPushNotificationConfig registered = destination == null ? null
                : push.keep(context.tenant(), run.snapshot().id(), destination);
        AgentRequest agentRequest = new AgentRequest(context, run.snapshot(), request.message(), request.configuration(),
                false);
        Integer historyLength = request.configuration().historyLength();
        if (request.configuration().returnImmediately()) {
            run.agentId(target); // stored with the task: after a restart it may go back to this agent
            persist(run);
            submit(() -> execute(target, agentRequest, run));
            return new PendingSend(run, historyLength, run.snapshot().withHistoryLength(historyLength));
        }
        // blocking: the client learns the task id only when it settles, and every state change is stored
        run.agentId(target);
        try {
            router.execute(target, agentRequest, run);
        } catch (A2aException e) {
            if (run.abandon()) {
                if (registered != null) {
                    push.delete(context.tenant(), registered.taskId(), registered.id());
                }
                throw e; // nothing happened yet: the client gets the error and no task is kept
            }
            failAgent(run, e);
        } catch (RuntimeException e) {
            failAgent(run, e);
        }
        return new PendingSend(run, historyLength, null);
    }

    private static StreamEvent settledAnswer(PendingSend pending, Task settled) {
        if (pending.run().reply() != null) {
            return pending.run().reply();
        }
        return settled.withHistoryLength(pending.historyLength());
    }

    /** The send timeout passed: the task is stored as it stands and returned; it goes on without the caller. */
    private static StreamEvent timedOutAnswer(PendingSend pending) {
        pending.run().persist();
        return pending.run().snapshot().withHistoryLength(pending.historyLength());
    }

    private static A2aException failure(Throwable cause) {
        if (cause instanceof A2aException error) {
            return error; // e.g. the store could not keep the task's final state
        }
        return new A2aException(A2aError.INTERNAL_ERROR, "the task failed: " + cause.getMessage());
    }

    @Override
    public EventStream stream(RequestContext caller, String agentId, SendMessageRequest request) {
        RequestContext context = access.bind(caller);
        StreamPosition resumeAt = StreamPosition.of(context);
        if (resumeAt != null) {
            // a client reconnecting to the stream of a message it sent: it gets what it missed, the message is not sent again
            String messageTask = request.message().taskId();
            if (messageTask != null && !messageTask.equals(resumeAt.taskId())) {
                throw A2aException.invalid("Last-Event-ID", "names an event of task " + resumeAt.taskId()
                        + ", but the message is for task " + messageTask);
            }
            access.authorize(context, Operation.STREAM, agentId, request.message());
            return resume(context, agentId, resumeAt);
        }
        String target = agentId != null ? agentId : gatewayTarget(context, request.message());
        access.authorize(context, Operation.STREAM, target, request.message());
        AgentCard card = installedCard(target);
        if (agentId == null && !card.capabilities().streaming()) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "agent '" + target
                    + "' does not stream (capabilities.streaming is false); use SendMessage");
        }
        RequestChecks.check(card, context, request);
        TaskPushNotificationConfig destination = pushDestinationOf(context, request);
        TaskRun run = start(context, agentId, target, request);
        if (destination != null) {
            push.keep(context.tenant(), run.snapshot().id(), destination);
        }
        run.agentId(target);
        persist(run);
        Subscription subscription = request.message().taskId() == null ? run.subscribeFromStart(config.streamBuffer())
                : run.subscribe(config.streamBuffer());
        AgentRequest agentRequest = new AgentRequest(context, run.snapshot(), request.message(), request.configuration(),
                true);
        submit(() -> execute(target, agentRequest, run));
        return subscription;
    }

    @Override
    public Task get(RequestContext caller, String agentId, String taskId, Integer historyLength) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.GET, agentId, null);
        return task(context, agentId, taskId).withHistoryLength(historyLength);
    }

    @Override
    public ListTasksResponse list(RequestContext caller, String agentId, ListTasksRequest request) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.LIST, agentId, null);
        return store.list(context.tenant(), agentId, request);
    }

    @Override
    public Task cancel(RequestContext caller, String agentId, String taskId) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.CANCEL, agentId, null);
        Task task = task(context, agentId, taskId);
        if (task.status().state().isTerminal()) {
            throw new A2aException(A2aError.TASK_NOT_CANCELABLE, "task " + taskId + " is already "
                    + task.status().state().wireName() + " and cannot be canceled", Map.of("taskId", taskId));
        }
        TaskRun run = liveRun(context.tenant(), taskId);
        String target = agentId != null ? agentId
                : agentOf(context, taskId).or(() -> router.agentOf(taskId)).orElse(null); // the task is the caller's
        try {
            if (target != null && router.card(target).isPresent()) {
                Message last = task.history().isEmpty() ? null : task.history().get(task.history().size() - 1);
                router.cancel(target, new AgentRequest(context, task, last, SendMessageRequest.Configuration.DEFAULT,
                        false), run);
            } else {
                run.cancelled();
            }
        } catch (IllegalStateException e) {
            throw new A2aException(A2aError.TASK_NOT_CANCELABLE, "task " + taskId + ": " + e.getMessage(),
                    Map.of("taskId", taskId));
        }
        return run.snapshot();
    }

    @Override
    public EventStream subscribe(RequestContext caller, String agentId, String taskId) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.SUBSCRIBE, agentId, null);
        StreamPosition resumeAt = StreamPosition.of(context);
        if (resumeAt != null) {
            if (!resumeAt.taskId().equals(taskId)) {
                throw A2aException.invalid("Last-Event-ID", "names an event of task " + resumeAt.taskId()
                        + ", not of task " + taskId);
            }
            return resume(context, agentId, resumeAt);
        }
        Task task = task(context, agentId, taskId);
        if (task.status().state().isTerminal()) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "task " + taskId + " is "
                    + task.status().state().wireName() + "; a finished task has no updates to subscribe to (use GetTask)",
                    Map.of("taskId", taskId));
        }
        TaskRun run = live.get(taskId);
        if (run == null) {
            run = liveRun(context.tenant(), taskId);
        }
        return run.subscribe(config.streamBuffer());
    }

    /** The events of a task after the position a reconnecting client saw last, then its live events. */
    private EventStream resume(RequestContext context, String agentId, StreamPosition position) {
        Task task = task(context, agentId, position.taskId());
        TaskRun run = live.get(task.id());
        if (run == null || !java.util.Objects.equals(run.tenant(), context.tenant())) {
            run = task.status().state().isTerminal() ? newRun(context.tenant(), task) : liveRun(context.tenant(), task.id());
        }
        return run.resume(position.sequence(), config.streamBuffer());
    }

    /** Stores a new task before its id reaches the client; if that fails the task is dropped and the client told. */
    private void persist(TaskRun run) {
        try {
            run.persist();
        } catch (RuntimeException e) {
            live.remove(run.taskId(), run);
            throw e;
        }
    }

    /**
     * @param agentId the agent whose endpoint was called ({@code null}: the gateway): a follow-up must be to its task
     * @param target the agent the message goes to
     */
    private TaskRun start(RequestContext context, String agentId, String target, SendMessageRequest request) {
        Message message = request.message();
        if (message.taskId() == null) {
            String taskId = Ids.next();
            String contextId = message.contextId() != null ? message.contextId() : Ids.next();
            Task task = new Task(taskId, contextId, new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(),
                    List.of(message.withTask(taskId, contextId)), Map.of());
            TaskRun run = newRun(context.tenant(), task, 0).created();
            live.put(taskId, run);
            return run;
        }
        Task task = task(context, agentId, message.taskId());
        if (message.contextId() != null && !message.contextId().equals(task.contextId())) {
            throw A2aException.invalid("message.contextId", "task " + task.id() + " belongs to context "
                    + task.contextId() + ", not " + message.contextId());
        }
        TaskState state = task.status().state();
        if (!state.isInterrupted()) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "task " + task.id() + " is " + state.wireName()
                    + (state.isTerminal() ? "; a finished task accepts no more messages, start a new task in the same context"
                            : "; it accepts a follow-up message only when it asks for input"), Map.of("taskId", task.id()));
        }
        router.checkFollowUp(target, task); // a replica that cannot continue it now leaves the task waiting
        TaskRun run = liveRun(context.tenant(), task.id());
        try {
            run.continueWith(message.withTask(task.id(), task.contextId()));
        } catch (IllegalStateException e) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, e.getMessage(), Map.of("taskId", task.id()));
        }
        return run;
    }

    /** The agent a message sent to the gateway goes to: a follow-up to its task's agent, else by the routes. */
    private String gatewayTarget(RequestContext context, Message message) {
        return message.taskId() == null ? router.resolve(context, message)
                : agentOf(context, message.taskId()).orElseGet(() -> router.resolve(context, message));
    }

    /** The agent of a task of the caller's tenant, if known: its live run's, else the one stored with it. */
    private Optional<String> agentOf(RequestContext context, String taskId) {
        TaskRun run = live.get(taskId);
        if (run != null && run.agentId() != null && java.util.Objects.equals(run.tenant(), context.tenant())) {
            return Optional.of(run.agentId());
        }
        return store.findStored(context.tenant(), taskId).map(StoredTask::agentId);
    }

    private void execute(String agentId, AgentRequest request, TaskRun run) {
        run.agentId(agentId);
        try {
            router.execute(agentId, request, run);
        } catch (A2aException e) {
            LOG.debug("Task {} could not be run: {}", run.taskId(), e.getMessage());
            try {
                run.failed(e.getMessage());
            } catch (IllegalStateException alreadyFinal) {
                // finished meanwhile
            }
        } catch (IllegalStateException e) {
            if (run.snapshot().status().state().isTerminal()) {
                LOG.debug("Task {} finished (e.g. canceled) while its agent was still working: {}", run.taskId(),
                        e.getMessage());
                return;
            }
            failAgent(run, e);
        } catch (RuntimeException e) {
            failAgent(run, e);
        }
    }

    private void failAgent(TaskRun run, RuntimeException e) {
        LOG.warn("Agent failed on task {}: {}", run.taskId(), e.toString());
        try {
            run.failed("the agent failed: " + e.getMessage());
        } catch (IllegalStateException alreadyFinal) {
            // the agent finished the task before throwing
        }
    }

    private void submit(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            throw new A2aException(A2aError.INTERNAL_ERROR, "AgentX is overloaded: too many agent tasks are queued; retry later");
        }
    }

    /** A run of a task already stored, continuing its event numbering. */
    private TaskRun newRun(String tenant, Task task) {
        return newRun(tenant, task, store.lastSequence(tenant, task.id()));
    }

    /**
     * The run of a task, shared by every request on it: the live one, or one made from the task as stored now
     * (not from an earlier read, which a run finishing meanwhile may have made stale).
     */
    private TaskRun liveRun(String tenant, String taskId) {
        TaskRun run = live.compute(taskId, (id, existing) -> existing != null
                && java.util.Objects.equals(existing.tenant(), tenant) ? existing
                : newRun(tenant, store.find(tenant, id).orElseThrow(() -> new A2aException(A2aError.TASK_NOT_FOUND,
                        "no task with id " + id, Map.of("taskId", id)))));
        if (run.snapshot().status().state().isTerminal()) {
            live.remove(taskId, run); // finished meanwhile: nothing will end this run
        }
        return run;
    }

    private TaskRun newRun(String tenant, Task task, long sequence) {
        String taskId = task.id();
        TaskRun[] run = new TaskRun[1]; // its events' listener pushes the task as it stands to 0.3 destinations
        run[0] = new TaskRun(tenant, task, sequence, store, this::finished,
                (event, number, last) -> push.publish(tenant, taskId, event, number, last, () -> run[0].snapshot()),
                () -> push.hasDestinations(tenant, taskId));
        return run[0];
    }

    /** Push destinations and deliveries left by the last run; tried again on the next store if it fails. */
    private void restorePushes() {
        try {
            push.restore();
        } catch (RuntimeException e) {
            pushesRestored.set(false);
            throw e;
        }
    }

    /** Whether an agent is working on the task in this task manager (not merely a reader following it). */
    private boolean workedOnHere(String taskId) {
        TaskRun run = live.get(taskId);
        return run != null && run.agentId() != null;
    }

    /** Hands a task that was in flight at the last stop back to its agent, with its last message. */
    private void resumeAfterRestart(StoredTask stored) {
        Task task = stored.task();
        TaskRun run = liveRun(stored.tenant(), task.id());
        if (run.snapshot().status().state().isTerminal()) {
            return; // finished meanwhile
        }
        Message last = task.history().isEmpty() ? null : task.history().get(task.history().size() - 1);
        RequestContext context = new RequestContext("internal", stored.tenant(), List.of(), "1.0", Map.of());
        AgentRequest request = new AgentRequest(context, task, last, SendMessageRequest.Configuration.DEFAULT, false,
                true);
        submit(() -> execute(stored.agentId(), request, run));
    }

    /** After a durable store arrived: resolves the tasks it holds as in flight that no run here is working on. */
    private void recoverInBackground() {
        Thread thread = new Thread(() -> {
            try {
                if (pushesRestored.compareAndSet(false, true)) {
                    restorePushes();
                }
                Recovery.Runs runs = (tenant, task) -> liveRun(tenant, task.id());
                new Recovery(store, this::workedOnHere, runs, new Recovery.Resumer() {
                    @Override
                    public Recovery.Decision decide(StoredTask stored) {
                        if (!config.resumeTasksAfterRestart() || stored.agentId() == null) {
                            return Recovery.Decision.FAIL;
                        }
                        if (router.resumesTasks(stored.agentId())) {
                            return Recovery.Decision.RESUME;
                        }
                        return router.card(stored.agentId()).isPresent() ? Recovery.Decision.FAIL
                                : Recovery.Decision.WAIT; // not there yet, e.g. a plugin AgentX starts again
                    }

                    @Override
                    public void resume(StoredTask stored) {
                        resumeAfterRestart(stored);
                    }
                }, TimeUnit.SECONDS.toMillis(config.resumeWaitSeconds())).run();
            } catch (RuntimeException e) {
                LOG.warn("Recovery of tasks in flight at the last stop did not complete: {}", e.getMessage());
            }
        }, "agentx-task-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void requirePush() {
        if (!config.pushEnabled()) {
            throw new A2aException(A2aError.PUSH_NOTIFICATION_NOT_SUPPORTED,
                    "push notifications are turned off on this server (pushEnabled of PID io.agentx.core)");
        }
    }

    @Override
    public boolean pushNotifications() {
        return config.pushEnabled();
    }

    @Override
    public TaskPushNotificationConfig createPushConfig(RequestContext caller, String agentId,
            TaskPushNotificationConfig config) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.PUSH_CONFIG, agentId, null);
        requirePush();
        if (config.taskId() == null || config.taskId().isBlank()) {
            throw A2aException.invalid("taskId", "is required");
        }
        RequestChecks.checkId(config.id(), "id");
        Task task = task(context, agentId, config.taskId());
        if (task.status().state().isTerminal()) {
            throw new A2aException(A2aError.UNSUPPORTED_OPERATION, "task " + task.id() + " is "
                    + task.status().state().wireName() + "; a finished task sends no more notifications",
                    Map.of("taskId", task.id()));
        }
        return push.register(context.tenant(), task.id(), config.withProtocolVersion(context.protocolVersion()));
    }

    /**
     * The push destination a send names in its configuration, checked before anything starts (push on, a URL that
     * may be pushed to), with the sender's protocol version, which gives its notifications their form; or null.
     */
    private TaskPushNotificationConfig pushDestinationOf(RequestContext context, SendMessageRequest request) {
        TaskPushNotificationConfig destination = request.configuration().pushNotificationConfig();
        if (destination == null) {
            return null;
        }
        requirePush();
        RequestChecks.checkId(destination.id(), "configuration.taskPushNotificationConfig.id");
        push.check(destination.url(), "configuration.taskPushNotificationConfig.url");
        return destination.withProtocolVersion(context.protocolVersion());
    }

    @Override
    public TaskPushNotificationConfig getPushConfig(RequestContext caller, String agentId, String taskId,
            String configId) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.PUSH_CONFIG, agentId, null);
        requirePush();
        task(context, agentId, taskId);
        return push.get(context.tenant(), taskId, configId);
    }

    @Override
    public List<TaskPushNotificationConfig> listPushConfigs(RequestContext caller, String agentId, String taskId) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.PUSH_CONFIG, agentId, null);
        requirePush();
        task(context, agentId, taskId);
        return push.list(context.tenant(), taskId);
    }

    @Override
    public void deletePushConfig(RequestContext caller, String agentId, String taskId, String configId) {
        RequestContext context = access.bind(caller);
        access.authorize(context, Operation.PUSH_CONFIG, agentId, null);
        requirePush();
        task(context, agentId, taskId);
        push.delete(context.tenant(), taskId, configId);
    }

    private void finished(TaskRun run) {
        live.remove(run.taskId());
    }

    /**
     * The task with this id in the caller's tenant. At an agent's endpoint ({@code agentId} not {@code null}) only
     * that agent's tasks exist: another agent's is not found there, as in another tenant. A task whose agent is
     * not known (stored before AgentX kept it) is served at any endpoint.
     */
    private Task task(RequestContext context, String agentId, String taskId) {
        TaskRun run = live.get(taskId);
        if (run != null && java.util.Objects.equals(run.tenant(), context.tenant())) {
            requireOwnTask(agentId, run.agentId(), taskId);
            return run.snapshot();
        }
        StoredTask stored = store.findStored(context.tenant(), taskId).orElseThrow(() -> taskNotFound(agentId, taskId));
        requireOwnTask(agentId, stored.agentId(), taskId);
        return stored.task();
    }

    private static void requireOwnTask(String agentId, String owner, String taskId) {
        if (agentId != null && owner != null && !agentId.equals(owner)) {
            throw taskNotFound(agentId, taskId);
        }
    }

    private static A2aException taskNotFound(String agentId, String taskId) {
        return new A2aException(A2aError.TASK_NOT_FOUND, "no task with id " + taskId
                + (agentId == null ? "" : " at agent '" + agentId + "'"), Map.of("taskId", taskId));
    }

    private AgentCard installedCard(String agentId) {
        return router.card(agentId).orElseThrow(() -> new A2aException(A2aError.INVALID_PARAMS, "no agent '" + agentId
                + "' is installed; installed: " + String.join(", ", router.agentIds()), Map.of("agentId", agentId)));
    }
}
