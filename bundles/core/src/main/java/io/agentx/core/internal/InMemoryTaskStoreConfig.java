package io.agentx.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-memory task store (PID {@code io.agentx.core.memorystore}). */
@ObjectClassDefinition(name = "AgentX in-memory task store",
        description = "Keeps tasks in memory (lost on restart). Finished tasks beyond the limit are evicted, oldest first.")
@interface InMemoryTaskStoreConfig {

    @AttributeDefinition(name = "Maximum tasks kept", min = "100", max = "100000000")
    int maxTasks() default 10_000;
}
