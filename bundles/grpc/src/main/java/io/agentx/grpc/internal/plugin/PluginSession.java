package io.agentx.grpc.internal.plugin;

import io.agentx.a2a.model.A2aException;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.TaskEvents;
import io.agentx.grpc.internal.a2a.ProtoModel;
import io.agentx.grpc.plugin.v1.AgentRegistration;
import io.agentx.grpc.plugin.v1.Cancel;
import io.agentx.grpc.plugin.v1.Execute;
import io.agentx.grpc.plugin.v1.Heartbeat;
import io.agentx.grpc.plugin.v1.Hello;
import io.agentx.grpc.plugin.v1.KernelMessage;
import io.agentx.grpc.plugin.v1.PluginMessage;
import io.agentx.grpc.plugin.v1.ProtocolError;
import io.agentx.grpc.plugin.v1.TaskEvent;
import io.agentx.grpc.plugin.v1.Welcome;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's Connect stream: authenticates its Hello, registers its agents, hands it work, applies the events it
 * reports, and keeps it honest (events only for its own tasks, well-formed, in a legal order). Inbound messages
 * are handled on the transport's thread, one at a time: the next is asked for only when this one is handled, so a
 * flooding plugin is held back by HTTP/2 flow control. Applying an event never blocks (task runs write to the
 * store in the background); the steps that register or remove the plugin's agents run off the transport, and
 * the end of the stream is handled after its Hello. Outbound messages are written one at a time, in order, by
 * whichever sending thread finds the stream idle (the others leave their message queued and go on instead of waiting
 * for a lock), and held to the pace the plugin reads them: while what was sent waits in the transport, no further message is read from the
 * plugin (whose messages may call for answers), heartbeats are skipped, no new task is handed to a plugin that has
 * read nothing for a heartbeat interval, and one that reads nothing for three intervals is disconnected. So a
 * plugin that does not read cannot make the kernel buffer without bound.
 */
final class PluginSession implements StreamObserver<PluginMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSession.class);
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final PluginBridge bridge;
    private final ServerCallStreamObserver<KernelMessage> out;
    /** Runs the writes to {@link #out}, one at a time; {@link #ended} is only touched there. */
    private final SynchronizationContext writes;
    private boolean ended;
    private final Object closing = new Object();
    private final Map<String, PluginTask> tasks = new ConcurrentHashMap<>();
    private final Instant connectedAt = Instant.now();
    private volatile long lastHeardNanos = System.nanoTime();
    /** Since when what was sent has waited for the plugin to read it, or 0 while the transport takes more. */
    private volatile long stalledSinceNanos;
    /** Whether the next plugin message is to be asked for once the transport takes more. */
    private final java.util.concurrent.atomic.AtomicBoolean readWhenReady = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean open = true;
    private volatile String id;
    private volatile String name;
    private volatile boolean supervised;
    private volatile String sdk = "";
    private volatile List<String> agentIds = List.of();
    /** Completes once the session's Hello is handled: what ends the stream is handled after it. */
    private volatile CompletableFuture<Void> helloHandled = CompletableFuture.completedFuture(null);

    PluginSession(PluginBridge bridge, ServerCallStreamObserver<KernelMessage> out) {
        this.bridge = bridge;
        this.out = out;
        this.writes = new SynchronizationContext((thread, failure) -> LOG.warn("Writing to a plugin failed", failure));
    }

    PluginBridge bridge() {
        return bridge;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** Whether the plugin authenticated with a token the supervisor issued to the process it started. */
    boolean supervised() {
        return supervised;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void onNext(PluginMessage message) {
        lastHeardNanos = System.nanoTime();
        if (id == null) {
            if (message.getKindCase() != PluginMessage.KindCase.HELLO) {
                end(Status.INVALID_ARGUMENT.withDescription("the first message of a plugin session must be a Hello, got "
                        + message.getKindCase()), false);
                return;
            }
            CompletableFuture<Void> handled = new CompletableFuture<>();
            helloHandled = handled;
            bridge.offTransport(() -> { // registers the plugin's agents
                try {
                    hello(message.getHello());
                } finally {
                    handled.complete(null);
                    next();
                }
            });
            return;
        }
        switch (message.getKindCase()) {
            case EVENT -> event(message.getEvent());
            case EVENTS -> message.getEvents().getEventsList().forEach(this::event);
            case HEARTBEAT -> { }
            case HELLO -> error("UNEXPECTED_HELLO", "this session already said Hello; open a new stream to register again", "");
            default -> error("INVALID_MESSAGE", "a plugin message must hold a hello, an event, events or a heartbeat", "");
        }
        next();
    }

    /** Asks the transport for the plugin's next message, or, while what was sent waits, once it is read. */
    private void next() {
        if (!out.isReady()) {
            readWhenReady.set(true);
            // the transport may have drained meanwhile, with onReady finding nothing to do yet
            if (!out.isReady() || !readWhenReady.compareAndSet(true, false)) {
                return;
            }
        }
        request();
    }

    private void request() {
        try {
            out.request(1);
        } catch (RuntimeException closed) {
            // the stream is over: nothing more to read
        }
    }

    /** The transport takes more: the plugin reads again. */
    void onReady() {
        if (stalledSinceNanos != 0) {
            lastHeardNanos = System.nanoTime(); // it read what waited: it is there, though it was not read meanwhile
            stalledSinceNanos = 0;
        }
        if (readWhenReady.compareAndSet(true, false)) {
            request();
        }
    }

    /** How long what was sent has waited for the plugin to read it, in ms (0 when it does not wait). */
    private long stalledMillis(long nowNanos) {
        long since = stalledSinceNanos;
        if (since != 0 && out.isReady()) { // drained, with the onReady that says so still on its way
            stalledSinceNanos = 0;
            return 0;
        }
        return since == 0 ? 0 : (nowNanos - since) / 1_000_000;
    }

    @Override
    public void onError(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        afterHello(() -> closed("its stream broke (" + status.getCode() + (status.getDescription() == null ? "" : ": "
                + status.getDescription()) + ")", true));
    }

    @Override
    public void onCompleted() {
        afterHello(() -> {
            if (open) {
                endStream(out::onCompleted);
            }
            closed("it closed its session", false);
        });
    }

    /** Runs a step that removes the session's agents off the transport, once its Hello is handled. */
    private void afterHello(Runnable step) {
        helloHandled.whenComplete((done, error) -> bridge.offTransport(step));
    }

    private void hello(Hello hello) {
        Optional<String> owner = bridge.tokens().owner(hello.getToken());
        if (owner.isEmpty()) {
            end(Status.UNAUTHENTICATED.withDescription("the plugin token is not valid: use the token in AGENTX_PLUGIN_TOKEN "
                    + "(plugins AgentX starts) or one of pluginTokens in PID io.agentx.grpc"), false);
            return;
        }
        String pluginName = owner.get().isEmpty() ? hello.getPluginName().strip() : owner.get();
        if (pluginName.isEmpty()) {
            end(Status.INVALID_ARGUMENT.withDescription("hello.plugin_name is required"), false);
            return;
        }
        if (owner.get().isEmpty() && bridge.tokens().supervises(pluginName)) {
            // else it could serve that plugin's agent ids as their replica and take part of their traffic
            end(Status.PERMISSION_DENIED.withDescription("plugin name '" + pluginName + "' is the name of a plugin "
                    + "AgentX starts; a token of pluginTokens cannot take it (only the process AgentX started can)"), false);
            return;
        }
        List<PluginAgent> agents;
        try {
            agents = agents(hello.getAgentsList(), pluginName);
        } catch (A2aException invalid) {
            end(Status.INVALID_ARGUMENT.withDescription(invalid.getMessage()), false);
            return;
        } catch (IllegalStateException taken) {
            end(Status.ALREADY_EXISTS.withDescription(taken.getMessage()), false);
            return;
        }
        name = pluginName;
        supervised = !owner.get().isEmpty();
        sdk = hello.getSdk();
        agentIds = agents.stream().map(PluginAgent::agentId).toList();
        id = UUID.randomUUID().toString();
        List<String> unknown = hello.getResumeSession().isEmpty() ? List.of()
                : bridge.resume(this, hello.getResumeSession(), new HashSet<>(hello.getResumeTaskIdsList()));
        BridgeSettings settings = bridge.settings();
        send(KernelMessage.newBuilder().setWelcome(Welcome.newBuilder().setSessionId(id)
                .setHeartbeatIntervalMillis(settings.heartbeatIntervalMillis())
                .setMaxConcurrentTasks(settings.maxConcurrentTasks())
                .setMaxMessageBytes(settings.maxMessageBytes())
                .setResumeGraceMillis(settings.resumeGraceMillis())
                .setAcceptsEventBatches(true)
                .addAllUnknownTaskIds(unknown)).build());
        bridge.attach(this, agents);
    }

    private List<PluginAgent> agents(List<AgentRegistration> registrations, String pluginName) {
        if (registrations.isEmpty()) {
            throw A2aException.invalid("hello.agents", "needs at least one agent");
        }
        Map<String, PluginAgent> agents = new LinkedHashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            AgentRegistration registration = registrations.get(i);
            String path = "hello.agents[" + i + "]";
            String agentId = registration.getAgentId();
            if (!AGENT_ID.matcher(agentId).matches()) {
                throw A2aException.invalid(path + ".agent_id", "'" + agentId
                        + "' is not an agent id (1 to 128 letters, digits, '.', '_' or '-')");
            }
            if (!registration.hasCard()) {
                throw A2aException.invalid(path + ".card", "is required");
            }
            if (agents.containsKey(agentId)) {
                throw A2aException.invalid(path + ".agent_id", "'" + agentId + "' is registered twice");
            }
            String framework = registration.getFramework().strip();
            if (!framework.isEmpty() && !AGENT_ID.matcher(framework).matches()) {
                throw A2aException.invalid(path + ".framework", "'" + framework
                        + "' is not a framework name (letters, digits, '.', '_' or '-', like langchain or mastra)");
            }
            bridge.requireFree(agentId, pluginName);
            agents.put(agentId, new PluginAgent(agentId, bridge.card(registration.getCard(), path + ".card"),
                    framework, registration.getResumesTasks(), this));
        }
        return List.copyOf(agents.values());
    }

    /** Hands the plugin a task; refuses at once when the session is gone or full, so the router may try another. */
    void execute(String agentId, String framework, AgentRequest request, TaskEvents events) {
        if (!open) {
            throw new AgentUnreachableException("plugin '" + name + "' is disconnected", null);
        }
        long stalled = stalledMillis(System.nanoTime());
        if (stalled > bridge.settings().heartbeatIntervalMillis()) {
            throw new AgentUnreachableException("plugin '" + name + "' has not read what AgentX sent it for " + stalled
                    + " ms; no task is handed to it until it reads again", null);
        }
        if (tasks.size() >= bridge.settings().maxConcurrentTasks()) {
            throw new AgentUnreachableException("plugin '" + name + "' is busy: it already works on " + tasks.size()
                    + " tasks (maxConcurrentTasksPerPlugin of PID io.agentx.grpc)", null);
        }
        String dialectHistory = bridge.dialectHistory(framework, request);
        String taskId = events.taskId();
        PluginTask task = new PluginTask(taskId, agentId, events, this);
        tasks.put(taskId, task);
        bridge.track(task);
        Execute.Builder execute = Execute.newBuilder().setAgentId(agentId).setTask(ProtoModel.task(request.task()))
                .setMessage(ProtoModel.message(request.message())).setStreaming(request.streaming())
                .setResumed(request.resumed())
                .setPrincipal(request.context().principal())
                .addAllExtensions(request.context().extensions());
        if (request.context().tenant() != null) {
            execute.setTenant(request.context().tenant());
        }
        if (!dialectHistory.isEmpty()) {
            execute.setDialectHistory(dialectHistory);
        }
        if (request.configuration() != null) {
            execute.addAllAcceptedOutputModes(request.configuration().acceptedOutputModes());
        }
        if (!send(KernelMessage.newBuilder().setExecute(execute).build())) {
            tasks.remove(taskId);
            bridge.untrack(task);
            throw new AgentUnreachableException("plugin '" + name + "' disconnected before it received the task", null);
        }
    }

    /** Asks the plugin to cancel a task; returns false if the session can no longer say so. */
    boolean cancel(PluginTask task) {
        return send(KernelMessage.newBuilder().setCancel(Cancel.newBuilder().setTaskId(task.taskId())
                .setAgentId(task.agentId())).build());
    }

    /** Takes over a task a broken session of the same plugin was working on. */
    void adopt(PluginTask task) {
        task.moveTo(this);
        tasks.put(task.taskId(), task);
    }

    private void event(TaskEvent event) {
        String taskId = event.getTaskId();
        PluginTask task = tasks.get(taskId);
        if (task == null) {
            PluginTask other = bridge.task(taskId);
            if (other != null) {
                error("TASK_NOT_OWNED", "task '" + taskId + "' is not this plugin's", taskId);
            } else {
                error("UNKNOWN_TASK", "no task '" + taskId + "' is in flight at this plugin (finished, failed, "
                        + "canceled or never handed to it)", taskId);
            }
            return;
        }
        boolean turnEnded;
        try {
            turnEnded = bridge.applier().apply(event, task.events());
        } catch (A2aException invalid) {
            error("INVALID_EVENT", "task '" + taskId + "': " + invalid.getMessage(), taskId);
            return;
        } catch (IllegalStateException illegal) {
            error("INVALID_EVENT", "task '" + taskId + "': " + illegal.getMessage(), taskId);
            return;
        }
        if (turnEnded) {
            tasks.remove(taskId);
            bridge.untrack(task);
            task.turnEnded().complete(null);
        }
    }

    /** Sends a heartbeat, or ends the session if the plugin has been silent for three intervals. */
    void heartbeat(long nowNanos) {
        long stalled = stalledMillis(nowNanos);
        if (stalled > 3L * bridge.settings().heartbeatIntervalMillis()) {
            end(Status.RESOURCE_EXHAUSTED.withDescription("plugin '" + name + "' has read nothing AgentX sent it for "
                    + stalled + " ms; a plugin must keep reading its stream"), true);
            return;
        }
        if (stalled > 0) {
            return; // it is not reading: a heartbeat would only queue
        }
        long silentMillis = (nowNanos - lastHeardNanos) / 1_000_000;
        if (silentMillis > 3L * bridge.settings().heartbeatIntervalMillis()) {
            end(Status.UNAVAILABLE.withDescription("no message from plugin '" + name + "' for " + silentMillis + " ms"), true);
            return;
        }
        send(KernelMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(System.currentTimeMillis()))
                .build());
    }

    /** Ends the session from the kernel's side with {@code status}. */
    void end(Status status, boolean resumable) {
        if (!open) {
            return;
        }
        endStream(() -> out.onError(status.asRuntimeException()));
        closed(status.getDescription(), resumable);
    }

    private void closed(String reason, boolean resumable) {
        synchronized (closing) {
            if (!open) {
                return;
            }
            open = false;
        }
        bridge.detach(this, reason, resumable);
    }

    /** Ends the stream after the messages queued before, once; nothing is written after it. */
    private void endStream(Runnable ending) {
        writes.execute(() -> {
            if (ended) {
                return;
            }
            ended = true;
            try {
                ending.run();
            } catch (RuntimeException alreadyClosed) {
                // the transport is gone already; nothing to tell
            }
        });
    }

    private void error(String code, String message, String taskId) {
        send(KernelMessage.newBuilder().setError(ProtocolError.newBuilder().setCode(code).setMessage(message)
                .setTaskId(taskId)).build());
    }

    /**
     * Queues a message for the plugin and writes it unless another thread is writing (then that thread writes it).
     * Returns false if the session is over. A message queued as the stream breaks is lost with it; the tasks it
     * concerned are then handled as every task in flight at a disconnect.
     */
    private boolean send(KernelMessage message) {
        if (!open || out.isCancelled()) {
            return false;
        }
        writes.execute(() -> write(message));
        return true;
    }

    private void write(KernelMessage message) {
        if (ended || out.isCancelled()) {
            return;
        }
        try {
            out.onNext(message);
            if (stalledSinceNanos == 0 && !out.isReady()) {
                stalledSinceNanos = System.nanoTime();
            }
        } catch (RuntimeException closedMeanwhile) {
            // the stream broke: its end is being handled
        }
    }

    /** What operators see of this session. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sessionId", id);
        view.put("sdk", sdk);
        view.put("connectedAt", connectedAt.toString());
        view.put("agents", agentIds);
        view.put("tasksInFlight", tasks.size());
        return view;
    }

    /** Forgets a task the kernel settled itself (e.g. a cancellation the plugin did not confirm in time). */
    void forget(PluginTask task) {
        tasks.remove(task.taskId(), task);
    }

    /** Takes the tasks of the given agents away from this session (their agent stopped being served). */
    List<PluginTask> takeTasksOf(java.util.Collection<String> agents) {
        List<PluginTask> taken = new ArrayList<>();
        tasks.values().removeIf(task -> agents.contains(task.agentId()) && taken.add(task));
        return taken;
    }

    List<PluginTask> drainTasks() {
        List<PluginTask> drained = new ArrayList<>(tasks.values());
        tasks.clear();
        return drained;
    }
}
