package io.agentx.router.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings of the router (PID {@code io.agentx.router}). */
@ObjectClassDefinition(name = "AgentX router",
        description = "Gateway routes, balancing among replicas, passive health checks and circuit breakers.")
@interface RouterConfig {

    @AttributeDefinition(name = "Gateway routes",
            description = "Where a message sent to the gateway (POST / or /rest/…) goes, first match wins: "
                    + "'<condition> -> <agentId>' with condition skill=<id> or tag=<tag> (message metadata 'skill', "
                    + "'tags'), extension=<uri>, tenant=<name>, or * for the default route.")
    String[] routes() default {};

    @AttributeDefinition(name = "Default balancing strategy",
            description = "How requests are spread among the replicas of an agent unless the agent says otherwise.",
            options = {@Option(value = "round-robin", label = "Round robin"),
                @Option(value = "weighted-round-robin", label = "Weighted round robin (smooth)"),
                @Option(value = "least-outstanding", label = "Least outstanding requests"),
                @Option(value = "peak-ewma", label = "Peak EWMA latency"),
                @Option(value = "context-affinity", label = "Context affinity")})
    String defaultStrategy() default "round-robin";

    @AttributeDefinition(name = "Strategy per agent",
            description = "'<agentId>=<strategy>' entries overriding the default (a remote agent's own configuration "
                    + "wins over these).")
    String[] strategies() default {};

    @AttributeDefinition(name = "Eject after failures",
            description = "Consecutive failed requests (unreachable, timeout, 5xx) after which a replica is ejected.",
            min = "1", max = "1000")
    int ejectAfterFailures() default 5;

    @AttributeDefinition(name = "Ejection time (s)",
            description = "How long an ejected replica gets no traffic; doubled for each repeated ejection.",
            min = "1", max = "3600")
    int ejectionSeconds() default 10;

    @AttributeDefinition(name = "Slow start (s)",
            description = "After ejection or recovery a replica's share of traffic ramps up over this time; 0: at once.",
            min = "0", max = "600")
    int slowStartSeconds() default 10;

    @AttributeDefinition(name = "Circuit breaker window", description = "Outcomes the breaker looks at.",
            min = "2", max = "10000")
    int breakerWindow() default 20;

    @AttributeDefinition(name = "Circuit breaker failure rate (%)",
            description = "The breaker opens when at least this share of the window failed.", min = "1", max = "100")
    int breakerFailurePercent() default 50;

    @AttributeDefinition(name = "Circuit breaker open time (s)",
            description = "How long an open breaker rejects before it lets one trial request through.", min = "1",
            max = "3600")
    int breakerOpenSeconds() default 15;

    @AttributeDefinition(name = "Task owners kept",
            description = "Tasks whose replica the router remembers (follow-ups and cancellations go there).",
            min = "1000", max = "10000000")
    int maxTrackedTasks() default 200_000;
}
