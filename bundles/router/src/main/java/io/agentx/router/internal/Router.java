package io.agentx.router.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Task;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import io.agentx.router.api.AgentRouter;
import io.agentx.router.internal.remote.RemoteTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The router: tracks every {@link Agent} service as a replica of its agent id, picks a replica per request by
 * the agent's strategy among those healthy, keeps tasks on their replica, and fails over only when the request
 * certainly did not reach the agent.
 */
@Component(service = {AgentRouter.class, Router.class}, configurationPid = "io.agentx.router")
@Designate(ocd = RouterConfig.class)
public final class Router implements AgentRouter {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final BundleContext context;
    private final AgentDirectory directory;
    private final RouterMetrics metrics;
    private final ActiveHealthChecks healthChecks;
    private volatile Settings settings;
    private volatile BoundedMap<String, Replica> taskOwners;

    @Activate
    public Router(BundleContext context, RouterConfig config) {
        this.context = context;
        this.settings = Settings.of(config);
        this.taskOwners = new BoundedMap<>(config.maxTrackedTasks());
        this.directory = new AgentDirectory(settings::strategyOf, settings.health());
        this.metrics = new RouterMetrics();
        this.healthChecks = new ActiveHealthChecks();
    }

    @Modified
    void modified(RouterConfig config) {
        Settings changed = Settings.of(config);
        settings = changed;
        if (config.maxTrackedTasks() != taskOwners.bound()) {
            taskOwners = new BoundedMap<>(config.maxTrackedTasks());
        }
        directory.reconfigure(changed::strategyOf, changed.health());
    }

    @Deactivate
    void deactivate() {
        healthChecks.close();
        metrics.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Agent agent, Map<String, Object> properties) {
        if (directory.add(agent, named(properties))) {
            healthChecks.watch(directory.replica(properties));
        } else {
            LOG.warn("Agent service {} of bundle {} has no {} property and cannot be routed to",
                    properties.get("service.id"), properties.get("service.bundleid"), AgentId.NAME);
        }
    }

    /** The properties with a replica name for operators: the one the agent gives, else its bundle and service. */
    private Map<String, Object> named(Map<String, Object> properties) {
        if (properties.get(AgentReplica.NAME) instanceof String) {
            return properties;
        }
        Object bundleId = properties.get("service.bundleid");
        Bundle bundle = bundleId instanceof Long id ? context.getBundle(id) : null;
        Map<String, Object> named = new HashMap<>(properties);
        named.put(AgentReplica.NAME, (bundle == null ? "bundle " + bundleId : bundle.getSymbolicName())
                + " (service " + properties.get("service.id") + ")");
        return named;
    }

    void updatedAgent(Agent agent, Map<String, Object> properties) {
        Replica before = directory.replica(properties);
        addAgent(agent, properties);
        if (before != null) {
            healthChecks.unwatch(before);
        }
    }

    void removeAgent(Agent agent, Map<String, Object> properties) {
        Replica removed = directory.replica(properties);
        directory.remove(properties);
        if (removed != null) {
            healthChecks.unwatch(removed);
            metrics.forget(removed);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMeterRegistry(MeterRegistry registry) {
        metrics.add(registry);
    }

    void removeMeterRegistry(MeterRegistry registry) {
        metrics.remove(registry);
    }

    @Override
    public List<String> agentIds() {
        return directory.agentIds();
    }

    @Override
    public Optional<AgentCard> card(String agentId) {
        AgentGroup group = directory.group(agentId);
        return group == null ? Optional.empty()
                : Optional.ofNullable(group.representative(System.nanoTime()).agent().card());
    }

    @Override
    public String resolve(RequestContext context, Message message) {
        if (message.taskId() != null) {
            Replica owner = taskOwners.get(message.taskId());
            if (owner != null) {
                return owner.agentId();
            }
        }
        Settings current = settings;
        for (RoutingRule rule : current.routes()) {
            if (rule.matches(context, message)) {
                if (directory.group(rule.agentId()) == null) {
                    throw new A2aException(A2aError.INVALID_PARAMS, "route '" + rule.text() + "' sends this message to agent '"
                            + rule.agentId() + "', which is not installed", Map.of("agentId", rule.agentId()));
                }
                return rule.agentId();
            }
        }
        String skill = RoutingRule.skillOf(message);
        int slash = skill == null ? -1 : skill.indexOf('/');
        if (slash > 0 && directory.group(skill.substring(0, slash)) != null) {
            return skill.substring(0, slash); // a skill id of the gateway card: "<agentId>/<skillId>"
        }
        throw new A2aException(A2aError.INVALID_PARAMS, "no gateway route matches this message (skill "
                + quoted(RoutingRule.skillOf(message)) + ", tags " + RoutingRule.tagsOf(message) + ", extensions "
                + context.extensions() + ", tenant " + quoted(context.tenant()) + "); "
                + (current.routes().isEmpty() ? "no routes are configured (routes of PID io.agentx.router)"
                        : "routes: " + current.routes().stream().map(RoutingRule::text).toList())
                + "; or send it to an agent directly at /agents/{agentId}", Map.of());
    }

    private static String quoted(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    @Override
    public boolean resumesTasks(String agentId) {
        return directory.resumesTasks(agentId);
    }

    @Override
    public Optional<String> agentOf(String taskId) {
        Replica owner = taskId == null ? null : taskOwners.get(taskId);
        return owner == null ? Optional.empty() : Optional.of(owner.agentId());
    }

    @Override
    public void checkFollowUp(String agentId, Task task) {
        AgentGroup group = group(agentId);
        long now = System.nanoTime();
        Replica owner = group.replicas().length > 1 ? ownerOf(group, task) : null;
        if (owner != null && group.contains(owner) && !owner.available(now)) {
            throw unavailable(group, "the replica working on task " + task.id() + " (" + owner.name() + ") is "
                    + owner.health().status(now).state() + "; the task still waits for input");
        }
    }

    @Override
    public void execute(String agentId, AgentRequest request, TaskEvents events) {
        AgentGroup group = group(agentId);
        String taskId = request.task().id();
        long now = System.nanoTime();
        Replica owner = group.replicas().length > 1 ? ownerOf(group, request.task()) : null; // only where there is a choice
        if (owner != null && group.contains(owner)) {
            if (!owner.available(now)) {
                throw unavailable(group, "the replica working on task " + taskId + " (" + owner.name() + ") is "
                        + owner.health().status(now).state());
            }
            new Delivery(group, request, events, true).deliver(owner, true); // only the task's replica can continue it
            return;
        }
        new Delivery(group, request, events, false).deliver(group.pick(request.task().contextId(), AgentGroup.NONE, now),
                true);
    }

    /**
     * The replica working on a task: remembered here, or, for a remote agent's task after a restart, the replica
     * whose fingerprint the task's metadata keeps.
     */
    private Replica ownerOf(AgentGroup group, Task task) {
        Replica remembered = taskOwners.get(task.id());
        String kept = remembered == null ? RemoteTask.replicaOf(task) : null;
        if (kept != null) {
            for (Replica replica : group.replicas()) {
                if (kept.equals(RemoteTask.fingerprint(replica.name()))) {
                    return replica;
                }
            }
        }
        return remembered;
    }

    /**
     * One request on its way to a replica: tries the picked replica, then (unless the task is pinned to it) the
     * next healthy ones while each is certainly unreachable. A forwarding replica reports that later, on another
     * thread; the delivery then goes on there and reports a final failure through the task's events.
     */
    private final class Delivery {
        private final AgentGroup group;
        private final AgentRequest request;
        private final TaskEvents events;
        private final boolean pinned;
        private Replica[] tried = AgentGroup.NONE;
        private RuntimeException lastFailure;

        Delivery(AgentGroup group, AgentRequest request, TaskEvents events, boolean pinned) {
            this.group = group;
            this.request = request;
            this.events = events;
            this.pinned = pinned;
        }

        /** @param callerWaits whether a failure is thrown to the caller (else reported through the events) */
        void deliver(Replica replica, boolean callerWaits) {
            String taskId = request.task().id();
            long now = System.nanoTime();
            while (replica != null) {
                if (replica.tryAcquire(now)) {
                    TrackedEvents tracked = start(replica, taskId, events, now, group.replicas().length > 1);
                    try {
                        hand(replica, tracked);
                        return;
                    } catch (AgentUnreachableException e) {
                        unreachable(replica, tracked, e);
                    } catch (RuntimeException e) {
                        tracked.threw(e);
                        if (callerWaits) {
                            throw e;
                        }
                        reject(e);
                        return;
                    }
                }
                tried = append(tried, replica);
                now = System.nanoTime();
                replica = pinned ? null : group.pick(request.task().contextId(), tried, now);
            }
            A2aException none = unavailable(group, lastFailure == null ? "no replica is healthy" : lastFailure.getMessage());
            if (callerWaits) {
                throw none;
            }
            events.rejected(none);
        }

        private void hand(Replica replica, TrackedEvents tracked) {
            if (replica.agent() instanceof ForwardingAgent forwarding) {
                forwarding.forward(request, tracked, e -> {
                    unreachable(replica, tracked, e);
                    tried = append(tried, replica);
                    deliver(pinned ? null : group.pick(request.task().contextId(), tried, System.nanoTime()), false);
                });
            } else {
                replica.agent().execute(request, tracked);
            }
        }

        private void unreachable(Replica replica, TrackedEvents tracked, AgentUnreachableException e) {
            tracked.unreachable();
            if (!pinned) {
                taskOwners.remove(request.task().id(), replica);
            }
            lastFailure = e;
            LOG.debug("Replica {} unreachable: {}", replica, e.getMessage());
        }

        /** A failure after the caller stopped waiting: an A2A error is the client's answer, anything else fails the task. */
        private void reject(RuntimeException e) {
            try {
                if (e instanceof A2aException error) {
                    events.rejected(error);
                } else {
                    events.failed("the agent failed: " + e.getMessage());
                }
            } catch (IllegalStateException alreadyFinal) {
                // the task ended meanwhile
            }
        }
    }

    @Override
    public void cancel(String agentId, AgentRequest request, TaskEvents events) {
        AgentGroup group = group(agentId);
        Replica owner = ownerOf(group, request.task());
        Replica replica = owner != null && group.contains(owner) ? owner : group.representative(System.nanoTime());
        replica.agent().cancel(request, events);
    }

    /** Opens a request's account with a replica; the task's owner is remembered only where there is a choice. */
    private TrackedEvents start(Replica replica, String taskId, TaskEvents events, long now, boolean remember) {
        replica.started();
        BoundedMap<String, Replica> owners = taskOwners;
        if (remember) {
            owners.put(taskId, replica);
        }
        return new TrackedEvents(events, replica, now, (done, startNanos, healthy, taskOver) -> {
            long end = System.nanoTime();
            done.finished(end, end - startNanos, healthy);
            metrics.record(done, end - startNanos, healthy);
            if (taskOver && remember) {
                owners.remove(taskId, done);
            }
        });
    }

    private AgentGroup group(String agentId) {
        AgentGroup group = directory.group(agentId);
        if (group == null) {
            throw new A2aException(A2aError.INVALID_PARAMS, "no agent '" + agentId + "' is installed; installed: "
                    + String.join(", ", directory.agentIds()), Map.of("agentId", String.valueOf(agentId)));
        }
        return group;
    }

    private static A2aException unavailable(AgentGroup group, String why) {
        return new A2aException(A2aError.AGENT_UNAVAILABLE, "agent '" + group.agentId() + "' is unavailable: " + why
                + " (" + group.replicas().length + " replica" + (group.replicas().length == 1 ? "" : "s")
                + "; see GET /api/v1/agents); retry later", Map.of("agentId", group.agentId()));
    }

    private static Replica[] append(Replica[] tried, Replica replica) {
        Replica[] more = Arrays.copyOf(tried, tried.length + 1);
        more[tried.length] = replica;
        return more;
    }

    /** For the operations view. */
    AgentDirectory directory() {
        return directory;
    }

    RouterMetrics metrics() {
        return metrics;
    }

    Settings settings() {
        return settings;
    }
}
