package io.agentx.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the task manager (PID {@code io.agentx.core}). */
@ObjectClassDefinition(name = "AgentX task manager", description = "Task lifecycle and event delivery.")
@interface CoreConfig {

    @AttributeDefinition(name = "Blocking send timeout (ms)",
            description = "How long a blocking SendMessage waits for the task to finish or ask for input before "
                    + "returning it as it stands.", min = "1", max = "3600000")
    long sendTimeoutMillis() default 60_000;

    @AttributeDefinition(name = "Stream buffer (events)",
            description = "Events buffered per stream reader; a reader further behind is cut off with an error.",
            min = "8", max = "100000")
    int streamBuffer() default 256;

    @AttributeDefinition(name = "Agent worker threads",
            description = "Threads running agents for streaming and non-blocking requests.", min = "1", max = "1024")
    int workerThreads() default 32;

    @AttributeDefinition(name = "Push notifications", description = "Offer push notifications (task updates POSTed to client URLs).")
    boolean pushEnabled() default true;

    @AttributeDefinition(name = "Allow private push destinations",
            description = "Allow push URLs on loopback, private and link-local addresses. Off by default so that push "
                    + "URLs cannot be used to reach internal services; tests and trusted networks turn it on.")
    boolean pushAllowPrivateDestinations() default false;

    @AttributeDefinition(name = "Push hosts always allowed",
            description = "Host names allowed as push destinations even if they resolve to private addresses.")
    String[] pushAllowedHosts() default {};

    @AttributeDefinition(name = "Push delivery attempts", description = "Attempts per event, with exponential backoff.",
            min = "1", max = "20")
    int pushAttempts() default 4;

    @AttributeDefinition(name = "Push request timeout (ms)", min = "100", max = "600000")
    long pushTimeoutMillis() default 5_000;

    @AttributeDefinition(name = "Resume tasks after a restart",
            description = "Tasks in flight when AgentX stopped go back to their agent when it declares "
                    + "agentx.agent.resumesTasks; off, or for other agents, they are marked failed saying AgentX restarted.")
    boolean resumeTasksAfterRestart() default true;

    @AttributeDefinition(name = "Wait for agents after a restart (s)",
            description = "How long a task in flight when AgentX stopped waits for its agent to be there again (a "
                    + "plugin process AgentX starts again, a bundle still starting) before it is marked failed. An agent "
                    + "that is there decides at once: it gets the task back if it declares agentx.agent.resumesTasks.",
            min = "0", max = "3600")
    int resumeWaitSeconds() default 30;

    @AttributeDefinition(name = "Task store swap wait (ms)",
            description = "While the durable task store is replaced (its bundle updated or reconfigured), or its bundle "
                    + "has not started yet at start, requests wait "
                    + "this long for it to come back; after that they fail with STORE_UNAVAILABLE (503) until it is back.",
            min = "0", max = "600000")
    long storeSwapTimeoutMillis() default 30_000;
}
