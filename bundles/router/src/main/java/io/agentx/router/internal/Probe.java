package io.agentx.router.internal;

import java.time.Duration;

/** An agent the router checks actively (a remote agent whose card it fetches), on top of passive checks. */
public interface Probe {

    /** How often to check. */
    Duration probeInterval();

    /**
     * Checks the agent once.
     *
     * @throws RuntimeException describing why the agent is not healthy
     */
    void probe();
}
