package io.agentx.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the A2A HTTP transports (PID {@code io.agentx.http}). */
@ObjectClassDefinition(name = "AgentX A2A HTTP transports",
        description = "JSON-RPC 2.0 with SSE and HTTP+JSON endpoints of every agent, and their cards.")
@interface HttpConfig {

    @AttributeDefinition(name = "Public base URL",
            description = "Absolute URL clients reach AgentX at, used in agent cards (e.g. https://agents.example.com). "
                    + "Empty: derived from each request's Host header.")
    String publicBaseUrl() default "";

    @AttributeDefinition(name = "Maximum request body (bytes)", description = "Larger requests get 413.",
            min = "1024", max = "1073741824")
    int maxBodyBytes() default 10 * 1024 * 1024;

    @AttributeDefinition(name = "Large requests at once",
            description = "Requests with a body of 1 MiB or more, or of a length not announced (chunked), served at "
                    + "the same time (each can take many times its size in memory); others wait for their turn.", min = "1", max = "10000")
    int maxLargeRequests() default 2;

    @AttributeDefinition(name = "Wait for a large request's turn (ms)",
            description = "How long a large request waits for its turn before it is refused with RATE_LIMITED (429).",
            min = "0", max = "600000")
    long largeRequestWaitMillis() default 30_000;

    @AttributeDefinition(name = "Maximum JSON nesting depth", description = "Deeper request bodies are refused.",
            min = "8", max = "1000")
    int maxJsonDepth() default 64;

    @AttributeDefinition(name = "Maximum parts per message", min = "1", max = "100000")
    int maxParts() default 256;

    @AttributeDefinition(name = "SSE keep-alive (ms)",
            description = "An SSE comment is sent after this much silence so proxies keep long streams open.",
            min = "100", max = "600000")
    long keepAliveMillis() default 15_000;

    @AttributeDefinition(name = "SSE idle timeout (ms)",
            description = "A stream with no event for this long is closed with an error event saying so (the task goes "
                    + "on; clients resubscribe).", min = "1000", max = "86400000")
    long streamIdleTimeoutMillis() default 600_000;
}
