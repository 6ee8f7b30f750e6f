package io.agentx.router.internal.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One remote A2A agent (factory PID {@code io.agentx.router.remote}): where its replicas are and how to call them. */
@ObjectClassDefinition(name = "AgentX remote A2A agent",
        description = "An agent served by another A2A server (1.0 or 0.3), callable through AgentX under its own id.")
@interface RemoteAgentConfig {

    @AttributeDefinition(name = "Agent id", description = "The id AgentX serves the agent under: /agents/{agentId}.")
    String agentId();

    @AttributeDefinition(name = "Card URLs", required = false,
            description = "The agent card URL of each replica, e.g. http://host:9999/.well-known/agent-card.json. "
                    + "Leave out to give the framework, its servers' base URLs and the agent's name there instead.")
    String[] cardUrls() default {};

    @AttributeDefinition(name = "Framework", required = false, description = "For agents served over A2A by their "
            + "framework's own server (mastra, langgraph, crewai): the framework whose adapter derives the card URLs "
            + "from baseUrls and remoteAgentName.")
    String framework() default "";

    @AttributeDefinition(name = "Base URLs", required = false, description = "With framework: the base URL of each "
            + "replica's server, e.g. http://127.0.0.1:4111 for a Mastra 0.x server.")
    String[] baseUrls() default {};

    @AttributeDefinition(name = "Agent name at the server", required = false, description = "With framework: the "
            + "agent's name (Mastra agent id, LangGraph assistant id) on those servers; default: the agent id.")
    String remoteAgentName() default "";

    @AttributeDefinition(name = "Weights", required = false,
            description = "Relative share of each replica (same order as the card URLs) for weighted round robin.")
    int[] weights() default {};

    @AttributeDefinition(name = "Balancing strategy", options = {
        @Option(value = "round-robin", label = "Round robin"),
        @Option(value = "weighted-round-robin", label = "Weighted round robin (smooth)"),
        @Option(value = "least-outstanding", label = "Least outstanding requests"),
        @Option(value = "peak-ewma", label = "Peak EWMA latency"),
        @Option(value = "context-affinity", label = "Context affinity")})
    String strategy() default "round-robin";

    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD, required = false,
            description = "Sent in the API key header on every call to the agent.")
    String apiKey() default "";

    @AttributeDefinition(name = "API key header", description = "The header carrying the API key.")
    String apiKeyHeader() default "X-API-Key";

    @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD, required = false,
            description = "Sent as 'Authorization: Bearer …' on every call to the agent.")
    String bearerToken() default "";

    @AttributeDefinition(name = "Pass caller credentials",
            description = "Send the caller's own Authorization and X-API-Key headers to the agent (instead of the "
                    + "configured API key or bearer token, when the caller has them).")
    boolean passCallerCredentials() default false;

    @AttributeDefinition(name = "Preferred binding", options = {
        @Option(value = "", label = "As the card orders them"),
        @Option(value = "JSONRPC", label = "JSON-RPC"),
        @Option(value = "HTTP+JSON", label = "HTTP+JSON")})
    String preferredBinding() default "";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "50", max = "60000")
    int connectTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Request timeout (s)",
            description = "How long one call may take before it fails (a blocking send waits for the task).",
            min = "1", max = "3600")
    int requestTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Stream idle timeout (s)",
            description = "A stream that sends nothing, not even a keep-alive, for this long is given up.",
            min = "1", max = "3600")
    int streamIdleTimeoutSeconds() default 300;

    @AttributeDefinition(name = "Health check interval (ms)",
            description = "How often each replica's card (or the probe URL) is fetched.", min = "100", max = "3600000")
    int healthIntervalMillis() default 5000;

    @AttributeDefinition(name = "Probe path", required = false,
            description = "A path (resolved against each replica's card URL, e.g. /health) that answers 2xx while the "
                    + "replica is healthy; empty: fetch the card.")
    String probePath() default "";

    @AttributeDefinition(name = "Unhealthy after failed checks", min = "1", max = "100")
    int unhealthyThreshold() default 2;

    @AttributeDefinition(name = "Healthy after passed checks", min = "1", max = "100")
    int healthyThreshold() default 2;

    @AttributeDefinition(name = "Eject after failures",
            description = "Consecutive failed requests (unreachable, timeout, 5xx) after which a replica is ejected; "
                    + "0: the router's setting (io.agentx.router).", min = "0", max = "1000")
    int ejectAfterFailures() default 0;

    @AttributeDefinition(name = "Ejection time (s)",
            description = "How long an ejected replica first gets no traffic; 0: the router's setting.",
            min = "0", max = "3600")
    int ejectionSeconds() default 0;

    @AttributeDefinition(name = "Circuit breaker failure rate (%)",
            description = "The share of failed requests in the breaker's window that opens it; 0: the router's setting.",
            min = "0", max = "100")
    int breakerFailurePercent() default 0;
}
