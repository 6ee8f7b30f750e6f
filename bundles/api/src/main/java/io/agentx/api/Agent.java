package io.agentx.api;

import io.agentx.a2a.model.AgentCard;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An agent AgentX can route requests to. Register it as an OSGi service with the {@link AgentId} property;
 * the service registry is the agent directory.
 */
@ConsumerType
public interface Agent {

    /** The agent's card. Transports replace its interfaces with the endpoints AgentX serves it at. */
    AgentCard card();

    /**
     * Works on a message: reports progress and results through {@code events} until the task reaches a terminal
     * or interrupted state (or replies with a single message). May return before that and keep emitting from
     * another thread.
     */
    void execute(AgentRequest request, TaskEvents events);

    /**
     * Asks the agent to stop working on a task. The default accepts at once: the task becomes CANCELED.
     * Agents that need to clean up override this and call {@link TaskEvents#cancelled()} when done.
     */
    default void cancel(AgentRequest request, TaskEvents events) {
        events.cancelled();
    }
}
