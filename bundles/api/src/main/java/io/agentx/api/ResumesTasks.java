package io.agentx.api;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Service property of an {@link Agent} that can pick up a task again after AgentX restarted while it was
 * working on it ({@code agentx.agent.resumesTasks=true}). On start such tasks are handed back to it (its
 * {@code execute} receives the task as stored, with its last message) instead of being marked failed. Every
 * replica of the agent id must declare it.
 */
@ComponentPropertyType
public @interface ResumesTasks {
    /** The property's name. */
    String NAME = "agentx.agent.resumesTasks";

    /** Whether the agent resumes tasks. */
    boolean value() default true;

    /** The prefix that makes DS name the property {@value #NAME}. */
    String PREFIX_ = "agentx.agent.";
}
