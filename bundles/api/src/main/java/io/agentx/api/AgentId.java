package io.agentx.api;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** The service property naming an {@link Agent}: {@code agentx.agent.id}, unique per agent (replicas share it). */
@ComponentPropertyType
public @interface AgentId {
    /** The property's name. */
    String NAME = "agentx.agent.id";

    /** The agent id: letters, digits, '-', '_' and '.'. */
    String value();

    /** The prefix that makes DS name the property {@value #NAME}. */
    String PREFIX_ = "agentx.";
}
