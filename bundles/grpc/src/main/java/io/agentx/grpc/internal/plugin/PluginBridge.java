package io.agentx.grpc.internal.plugin;

import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.TaskEvents;
import io.agentx.api.adapter.FrameworkAdapter;
import io.agentx.grpc.internal.RawBytes;
import io.agentx.grpc.internal.a2a.ProtoJson;
import io.agentx.grpc.internal.a2a.ProtoReader;
import io.agentx.grpc.plugin.v1.KernelMessage;
import io.agentx.grpc.plugin.v1.PluginMessage;
import io.agentx.grpc.plugin.v1.PluginServiceGrpc;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin side of the gRPC server ({@code agentx.plugin.v1.PluginService}): one {@link PluginSession} per
 * Connect stream; the {@link Agent} services of connected plugins; the tasks in flight at each plugin, kept for
 * {@code resumeGraceMillis} when a stream breaks so that a plugin reconnecting in time carries on with them.
 */
public final class PluginBridge extends PluginServiceGrpc.PluginServiceImplBase implements AutoCloseable {
    /** Service property naming the plugin that registered an agent. */
    public static final String PLUGIN_NAME = "agentx.plugin.name";
    private static final Logger LOG = LoggerFactory.getLogger(PluginBridge.class);

    private final BundleContext context;
    private final PluginTokens tokens;
    private final BridgeSettings settings;
    private final ProtoJson proto;
    private final EventApplier applier;
    private final FrameworkAdapters adapters;
    private final AgentServices agentServices;
    private final Set<PluginSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, PluginTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Parked> parked = new ConcurrentHashMap<>();
    private final Executor offTransport;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agentx-plugin-bridge-timer");
        thread.setDaemon(true);
        return thread;
    });

    /** The tasks of a broken session, waiting for its plugin to come back. */
    private record Parked(String pluginName, List<PluginTask> tasks, ScheduledFuture<?> expiry) {
    }

    /**
     * @param offTransport runs the steps of a session that may block (registering and removing its agents'
     *     services), away from the transport's threads, on which sessions otherwise run
     */
    public PluginBridge(BundleContext context, PluginTokens tokens, BridgeSettings settings, ProtoJson proto,
            FrameworkAdapters adapters, Executor offTransport) {
        this.context = context;
        this.offTransport = offTransport;
        this.tokens = tokens;
        this.settings = settings;
        this.proto = proto;
        this.adapters = adapters;
        this.agentServices = new AgentServices(context, adapters);
        this.applier = new EventApplier(new ProtoReader(proto));
        timer.scheduleWithFixedDelay(this::heartbeats, settings.heartbeatIntervalMillis(),
                settings.heartbeatIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public StreamObserver<PluginMessage> connect(StreamObserver<KernelMessage> responses) {
        ServerCallStreamObserver<KernelMessage> out = (ServerCallStreamObserver<KernelMessage>) responses;
        out.disableAutoRequest(); // the session asks for each next message itself
        PluginSession session = new PluginSession(this, out);
        out.setOnReadyHandler(session::onReady);
        sessions.add(session);
        out.request(1);
        return session;
    }

    /** Runs a step that may block away from the transport's threads (inline once the bridge is closing). */
    void offTransport(Runnable step) {
        try {
            offTransport.execute(step);
        } catch (RejectedExecutionException closing) {
            step.run();
        }
    }

    /**
     * The service as the server runs it: plugin messages arrive as bytes and are parsed here, so that one that is
     * not a {@code PluginMessage} ends its session with a clear INVALID_ARGUMENT instead of gRPC's opaque UNKNOWN.
     */
    public ServerServiceDefinition definition() {
        MethodDescriptor<byte[], KernelMessage> connect = PluginServiceGrpc.getConnectMethod()
                .toBuilder(RawBytes.INSTANCE, PluginServiceGrpc.getConnectMethod().getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(PluginServiceGrpc.SERVICE_NAME)
                .addMethod(connect, ServerCalls.asyncBidiStreamingCall(responses -> {
                    PluginSession session = (PluginSession) connect(responses);
                    return new StreamObserver<byte[]>() {
                        @Override
                        public void onNext(byte[] bytes) {
                            PluginMessage message;
                            try {
                                message = PluginMessage.parseFrom(bytes);
                            } catch (InvalidProtocolBufferException e) {
                                Status garbage = Status.INVALID_ARGUMENT.withDescription("a message of "
                                        + bytes.length + " bytes is not an agentx.plugin.v1.PluginMessage: "
                                        + e.getMessage());
                                offTransport(() -> session.end(garbage, false));
                                return;
                            }
                            session.onNext(message);
                        }

                        @Override
                        public void onError(Throwable failure) {
                            session.onError(failure);
                        }

                        @Override
                        public void onCompleted() {
                            session.onCompleted();
                        }
                    };
                })).build();
    }

    PluginTokens tokens() {
        return tokens;
    }

    BridgeSettings settings() {
        return settings;
    }

    EventApplier applier() {
        return applier;
    }

    AgentCard card(io.agentx.grpc.a2a.v1.AgentCard card, String path) {
        return proto.json().readCard(proto.tree(card), path);
    }

    /** @throws IllegalStateException if another plugin or an in-kernel bundle serves {@code agentId} */
    void requireFree(String agentId, String pluginName) {
        try {
            Collection<ServiceReference<Agent>> existing = context.getServiceReferences(Agent.class,
                    "(" + AgentId.NAME + "=" + agentId + ")");
            for (ServiceReference<Agent> reference : existing) {
                if (!pluginName.equals(reference.getProperty(PLUGIN_NAME))) {
                    Object owner = reference.getProperty(PLUGIN_NAME);
                    throw new IllegalStateException("agent id '" + agentId + "' is already served by "
                            + (owner == null ? "bundle " + reference.getBundle().getSymbolicName() : "plugin '" + owner + "'"));
                }
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Registers a welcomed session's agents (those of a framework whose adapter is missing wait for it). */
    void attach(PluginSession session, List<PluginAgent> agents) {
        agentServices.attach(session, agents);
        // then the broken session's agents, lingering until it came back: the agent id is served throughout
        agentServices.detachClosedOf(session.name());
        LOG.info("Plugin '{}' connected (session {}), serving agents {}", session.name(), session.id(),
                agents.stream().map(PluginAgent::agentId).toList());
        if (!session.isOpen()) {
            agentServices.detach(session);
        }
    }

    /** A framework's adapter arrived: the agents of that framework that waited for it are served. */
    public void adapterAdded(String framework) {
        agentServices.frameworkBack(framework);
    }

    /**
     * A framework's adapter left: its agents are no longer served, and the tasks they were working on fail (the
     * plugins are asked to cancel them); every other agent carries on.
     */
    public void adapterRemoved(String framework) {
        agentServices.frameworkGone(framework).forEach((session, agentIds) -> {
            List<PluginTask> interrupted = session.takeTasksOf(agentIds);
            LOG.warn("The '{}' framework adapter left: agents {} of plugin '{}' are not served until it is back; "
                    + "{} task(s) fail", framework, agentIds, session.name(), interrupted.size());
            interrupted.forEach(session::cancel);
            fail(interrupted, "the '" + framework + "' framework adapter was uninstalled or stopped while agent '"
                    + "%s' worked on the task; the agent is served again when the adapter is back");
        });
    }

    /** The task's history in the framework's message form, or "" when the agent declared no framework. */
    String dialectHistory(String framework, AgentRequest request) {
        if (framework.isEmpty()) {
            return "";
        }
        FrameworkAdapter adapter = adapters.adapter(framework).orElseThrow(() -> new AgentUnreachableException(
                "the '" + framework + "' framework adapter is not installed (installed adapters: "
                        + adapters.installed() + ")", null));
        List<Message> history = new ArrayList<>(request.task().history());
        Message message = request.message();
        if (history.isEmpty() || !history.get(history.size() - 1).messageId().equals(message.messageId())) {
            history.add(message);
        }
        return adapter.toDialect(history);
    }

    /**
     * A session ended. If it may come back ({@code resumable}: its stream broke), its agents stay in the directory
     * for {@code resumeGraceMillis}, unreachable, so callers meanwhile hear AGENT_UNAVAILABLE, not that no such
     * agent exists, and its tasks wait as long for the plugin to resume them; a session of the same plugin that
     * connects meanwhile takes their place. A session ended for good takes its agents along and its tasks fail.
     */
    void detach(PluginSession session, String reason, boolean resumable) {
        sessions.remove(session);
        // a supervised plugin being stopped (its token revoked first) is not coming back
        boolean lingers = resumable && session.id() != null && settings.resumeGraceMillis() > 0
                && (!session.supervised() || tokens.supervises(session.name()));
        if (lingers) {
            timer.schedule(() -> agentServices.detach(session), settings.resumeGraceMillis(), TimeUnit.MILLISECONDS);
        } else {
            agentServices.detach(session);
        }
        List<PluginTask> orphans = session.drainTasks();
        if (session.id() == null) {
            return;
        }
        LOG.info("Plugin '{}' (session {}) is gone: {}; {} task(s) in flight", session.name(), session.id(), reason,
                orphans.size());
        if (orphans.isEmpty()) {
            return;
        }
        if (!resumable || settings.resumeGraceMillis() <= 0) {
            fail(orphans, "plugin '" + session.name() + "' ended its session while working on the task: " + reason);
            return;
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(session.id()), settings.resumeGraceMillis(),
                TimeUnit.MILLISECONDS);
        parked.put(session.id(), new Parked(session.name(), new java.util.concurrent.CopyOnWriteArrayList<>(orphans), expiry));
    }

    private void expire(String sessionId) {
        Parked gone = parked.remove(sessionId);
        if (gone != null) {
            fail(gone.tasks(), "plugin '" + gone.pluginName() + "' disconnected and did not resume the task within "
                    + settings.resumeGraceMillis() + " ms (resumeGraceMillis of PID io.agentx.grpc)");
        }
    }

    /**
     * A reconnecting plugin takes its broken session's tasks back: those it names continue on the new session, the
     * others fail. Returns the names it gave that the kernel does not hold (any more).
     */
    List<String> resume(PluginSession session, String oldSessionId, Set<String> named) {
        Parked old = parked.get(oldSessionId);
        if (old == null || !old.pluginName().equals(session.name()) || !parked.remove(oldSessionId, old)) {
            return List.copyOf(named);
        }
        old.expiry().cancel(false);
        List<PluginTask> dropped = new ArrayList<>();
        Set<String> unknown = new java.util.LinkedHashSet<>(named);
        for (PluginTask task : old.tasks()) {
            if (unknown.remove(task.taskId())) {
                session.adopt(task);
            } else {
                dropped.add(task);
            }
        }
        fail(dropped, "plugin '" + session.name() + "' reconnected without resuming the task");
        LOG.info("Plugin '{}' resumed session {} with {} task(s) in flight", session.name(), oldSessionId,
                old.tasks().size() - dropped.size());
        return List.copyOf(unknown);
    }

    void track(PluginTask task) {
        tasks.put(task.taskId(), task);
    }

    void untrack(PluginTask task) {
        tasks.remove(task.taskId(), task);
    }

    PluginTask task(String taskId) {
        return tasks.get(taskId);
    }

    /**
     * Cancels a task: through its plugin when it is connected, waiting up to {@code cancelTimeoutMillis} for the
     * plugin's answer (so the caller sees the outcome); at once when the plugin is away or does not answer in time.
     */
    void cancel(String agentId, String taskId, TaskEvents events) {
        PluginTask task = tasks.get(taskId);
        if (task != null && task.session().isOpen() && task.session().cancel(task)) {
            try {
                task.turnEnded().get(settings.cancelTimeoutMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("Plugin '{}' did not answer the cancellation of task {} within {} ms; canceling it without",
                        task.session().name(), taskId, settings.cancelTimeoutMillis());
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (task != null) {
            untrack(task);
            task.session().forget(task);
            parked.values().forEach(p -> p.tasks().remove(task));
            task.turnEnded().complete(null);
        }
        try {
            events.cancelled();
        } catch (IllegalStateException alreadyOver) {
            // it finished meanwhile
        }
    }

    /** What operators see of a plugin's sessions. */
    public List<Map<String, Object>> sessionsOf(String pluginName) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (PluginSession session : sessions) {
            if (pluginName.equals(session.name())) {
                Map<String, Object> view = session.view();
                Map<String, String> waiting = agentServices.waiting(session);
                if (!waiting.isEmpty()) {
                    view.put("waitingForAdapters", waiting);
                }
                views.add(view);
            }
        }
        return views;
    }

    /** The names of connected plugins. */
    public Set<String> pluginNames() {
        Set<String> names = new java.util.TreeSet<>();
        for (PluginSession session : sessions) {
            if (session.name() != null) {
                names.add(session.name());
            }
        }
        return names;
    }

    private void heartbeats() {
        long now = System.nanoTime();
        for (PluginSession session : sessions) {
            try {
                session.heartbeat(now);
            } catch (RuntimeException e) {
                LOG.warn("Heartbeat to plugin '{}' failed", session.name(), e);
            }
        }
    }

    /** Fails the tasks with {@code reason}, in which a {@code %s} stands for the task's agent. */
    private void fail(List<PluginTask> failed, String reason) {
        for (PluginTask task : failed) {
            untrack(task);
            task.turnEnded().complete(null);
            try {
                task.events().failed(reason.contains("%s") ? String.format(reason, task.agentId()) : reason);
            } catch (IllegalStateException alreadyOver) {
                // the task ended meanwhile
            }
        }
    }

    /** Ends every session (their tasks fail) and stops the timer. */
    @Override
    public void close() {
        for (PluginSession session : sessions) {
            session.end(Status.UNAVAILABLE.withDescription("AgentX's gRPC server is stopping"), false);
        }
        for (String sessionId : List.copyOf(parked.keySet())) {
            Parked gone = parked.remove(sessionId);
            if (gone != null) {
                gone.expiry().cancel(false);
                fail(gone.tasks(), "AgentX's gRPC server stopped while plugin '" + gone.pluginName() + "' was away");
            }
        }
        timer.shutdownNow();
        agentServices.detachAll(); // the agents of broken sessions lingering for their grace period too
    }
}
