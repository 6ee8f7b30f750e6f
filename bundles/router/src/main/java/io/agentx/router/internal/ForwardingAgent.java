package io.agentx.router.internal;

import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.AgentUnreachableException;
import io.agentx.api.TaskEvents;
import java.util.function.Consumer;

/**
 * An agent that passes requests on to another process and learns only later whether a request got there (a
 * remote A2A agent). The router starts such a request without holding a thread for it, and tries another replica
 * when it hears that the request never arrived.
 */
public interface ForwardingAgent extends Agent {

    /**
     * Starts work on a request and returns without waiting for the agent's answer. Failures known at once are
     * thrown as {@link #execute} throws them. If the request later turns out never to have reached the agent,
     * {@code unreachable} is told, once and before any event; otherwise the events follow as for {@link #execute}.
     */
    void forward(AgentRequest request, TaskEvents events, Consumer<AgentUnreachableException> unreachable);
}
