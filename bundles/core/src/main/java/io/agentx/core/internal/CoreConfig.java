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
}
