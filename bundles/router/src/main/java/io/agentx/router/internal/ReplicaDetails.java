package io.agentx.router.internal;

import java.util.Map;

/** An agent that can tell operators more about itself (a remote agent: the interface it is called at). */
public interface ReplicaDetails {

    /** Facts for the operations listing; values are strings, numbers or booleans. */
    Map<String, Object> details();
}
