package io.agentx.management.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the management REST API (PID {@code io.agentx.management}). */
@ObjectClassDefinition(name = "AgentX management API", description = "The REST API at /api/v1 for bundles and configurations.")
@interface ManagementConfig {

    @AttributeDefinition(name = "Maximum bundle upload size (bytes)",
            description = "Uploads larger than this are refused with 413.", min = "1024", max = "1073741824")
    long maxUploadBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Maximum JSON body size (bytes)",
            description = "Configuration bodies larger than this are refused with 413.", min = "256", max = "16777216")
    int maxJsonBytes() default 1024 * 1024;
}
