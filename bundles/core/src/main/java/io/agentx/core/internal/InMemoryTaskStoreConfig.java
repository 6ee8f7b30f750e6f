package io.agentx.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the in-memory task store (PID {@code io.agentx.core.memorystore}). */
@ObjectClassDefinition(name = "AgentX in-memory task store",
        description = "Keeps tasks in memory, outside the Java heap (lost on restart). When the space is full the "
                + "oldest stored tasks make room; tasks still running stay available from the task manager.")
@interface InMemoryTaskStoreConfig {

    @AttributeDefinition(name = "Space for tasks (MiB)",
            description = "Off-heap memory for stored tasks; about a thousand small tasks fit in one MiB.",
            min = "1", max = "4096")
    int maxMegabytes() default 64;

    @AttributeDefinition(name = "Most tasks kept",
            description = "Beyond this many stored records the oldest make room, even if space is left.",
            min = "100", max = "10000000")
    int maxTasks() default 10_000;
}
