package io.agentx.grpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "AgentX gRPC", description = "The gRPC server: the A2A gRPC binding for every agent "
        + "and the plugin bridge that out-of-process agents connect to. Changing it restarts the server.")
public @interface GrpcConfig {

    @AttributeDefinition(name = "Host", description = "Address the gRPC server listens on")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "Port the gRPC server listens on (0: any free port)", min = "0", max = "65535")
    int port() default 8090;

    @AttributeDefinition(name = "Advertised host", description = "Host name agent cards give for the gRPC interface; "
            + "empty: the host the card was requested through")
    String advertisedHost() default "";

    @AttributeDefinition(name = "TLS", description = "Serve gRPC over TLS with the kernel's key store (--tls-keystore), "
            + "checking client certificates against its trust store (--tls-truststore). Plugins must then connect "
            + "with TLS too: those AgentX starts get an https:// AGENTX_PLUGIN_URL and AGENTX_PLUGIN_TLS_CA.")
    boolean tls() default false;

    @AttributeDefinition(name = "Plugin tokens", description = "Tokens that plugins AgentX does not start itself "
            + "authenticate with (plugins it starts get their own token in AGENTX_PLUGIN_TOKEN)", type = AttributeType.PASSWORD)
    String[] pluginTokens() default {};

    @AttributeDefinition(name = "Heartbeat interval (ms)", description = "How often the kernel and each plugin say "
            + "they are alive; three missed intervals end a plugin session", min = "100")
    int heartbeatIntervalMillis() default 5000;

    @AttributeDefinition(name = "Tasks per plugin", description = "The most tasks one plugin session works on at "
            + "once; more are refused (503-class AGENT_UNAVAILABLE unless another replica takes them)", min = "1")
    int maxConcurrentTasksPerPlugin() default 256;

    @AttributeDefinition(name = "Largest message (bytes)", description = "The largest gRPC message a client or plugin "
            + "may send; larger ones are refused with RESOURCE_EXHAUSTED", min = "1024")
    int maxMessageBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Resume grace (ms)", description = "How long the tasks of a plugin whose stream "
            + "broke wait for it to reconnect and resume them before they fail", min = "0")
    int resumeGraceMillis() default 10000;

    @AttributeDefinition(name = "Cancel timeout (ms)", description = "How long CancelTask waits for a plugin to "
            + "confirm a cancellation before AgentX cancels the task without it", min = "0")
    int cancelTimeoutMillis() default 5000;

    @AttributeDefinition(name = "Parts per message", description = "The most parts a message sent over gRPC may have", min = "1")
    int maxParts() default 256;
}
