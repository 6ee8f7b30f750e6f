package io.agentx.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of AgentX that can be unable to serve for a reason the framework does not see, such as a database that
 * cannot be reached. Registered as a service, it makes {@code /health/ready} answer 503 with its problem while
 * it has one.
 */
@ConsumerType
public interface HealthCheck {

    /** What is checked, as operators know it (e.g. {@code task store}). */
    String name();

    /** Why it cannot serve now, naming what it tried and what failed; {@code null} when it can. */
    String problem();
}
