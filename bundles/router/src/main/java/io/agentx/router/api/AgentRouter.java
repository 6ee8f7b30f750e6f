package io.agentx.router.api;

import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.api.AgentRequest;
import io.agentx.api.RequestContext;
import io.agentx.api.TaskEvents;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Routes requests to agents. Every {@link io.agentx.api.Agent} service is a replica of the agent id it names;
 * the router balances among the healthy replicas of an id by the strategy configured for it, keeps a task and
 * its conversation on one replica, and fails over only when a request certainly did not reach the agent.
 */
@ProviderType
public interface AgentRouter {

    /** The ids of the agents that have at least one replica, sorted. */
    List<String> agentIds();

    /** The card of an agent (as its replicas declare it), or empty if no replica serves that id. */
    Optional<AgentCard> card(String agentId);

    /**
     * The agent a message sent to the gateway goes to: for a follow-up on a task, the agent working on it; else
     * the first routing rule matching the message's skill or tags metadata, the caller's extensions or tenant.
     *
     * @throws io.agentx.a2a.model.A2aException INVALID_PARAMS naming what was asked for when no rule matches
     */
    String resolve(RequestContext context, Message message);

    /**
     * Whether the agent picks up tasks again after a restart: it has replicas and every one declares
     * {@link io.agentx.api.ResumesTasks}.
     */
    boolean resumesTasks(String agentId);

    /** The agent that works on a task, if the router sent the task to one. */
    Optional<String> agentOf(String taskId);

    /**
     * Runs a request on one replica of the agent: the replica that owns the task for a follow-up, else one
     * chosen by the agent's balancing strategy. Returns when the replica's {@code execute} returns.
     *
     * @throws io.agentx.a2a.model.A2aException AGENT_UNAVAILABLE when no replica could take the request (none
     *         healthy, or every one tried was unreachable); INVALID_PARAMS for an unknown agent
     */
    void execute(String agentId, AgentRequest request, TaskEvents events);

    /** Asks the replica that works on the request's task to cancel it (any replica if the owner is unknown). */
    void cancel(String agentId, AgentRequest request, TaskEvents events);

    /**
     * Refuses a follow-up on a task before it changes the task, when the replica that must continue the task cannot
     * take it now (down or ejected): the task keeps waiting for input, and the client may retry.
     *
     * @throws io.agentx.a2a.model.A2aException AGENT_UNAVAILABLE naming the replica's state
     */
    void checkFollowUp(String agentId, io.agentx.a2a.model.Task task);
}
