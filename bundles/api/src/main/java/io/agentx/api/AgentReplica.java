package io.agentx.api;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Optional service properties of an {@link Agent} that is one of several replicas of an agent id: its name for
 * operators ({@code agentx.agent.replica}) and its share of traffic under weighted balancing
 * ({@code agentx.agent.weight}, default 1).
 */
@ComponentPropertyType
public @interface AgentReplica {
    /** The property naming the replica. */
    String NAME = "agentx.agent.replica";
    /** The property holding the replica's weight, a positive integer. */
    String WEIGHT = "agentx.agent.weight";

    /** The replica's name, unique among the replicas of its agent id, e.g. the URL it is reached at. */
    String replica();

    /** Its weight relative to the other replicas of its agent id. */
    int weight() default 1;

    /** The prefix that makes DS name the properties {@code agentx.agent.*}. */
    String PREFIX_ = "agentx.agent.";
}
