package io.agentx.grpc.internal.supervisor;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "AgentX plugin process", description = "A plugin process AgentX starts, watches and "
        + "restarts: one factory configuration per plugin (config/io.agentx.plugin~<name>.cfg.json). The process "
        + "gets AGENTX_PLUGIN_URL, AGENTX_PLUGIN_TOKEN and AGENTX_PLUGIN_NAME in its environment.")
public @interface PluginProcessConfig {

    @AttributeDefinition(name = "Name", description = "The plugin's name; default: the configuration's name (after '~')",
            required = false)
    String name() default "";

    @AttributeDefinition(name = "Command", description = "The program to run, e.g. node or /usr/bin/python3")
    String command();

    @AttributeDefinition(name = "Arguments", description = "Its arguments, e.g. the agent script", required = false)
    String[] arguments() default {};

    @AttributeDefinition(name = "Environment", description = "Extra environment variables, each NAME=value",
            required = false)
    String[] environment() default {};

    @AttributeDefinition(name = "Working folder", description = "Folder the process runs in; default: AgentX's",
            required = false)
    String workingDirectory() default "";

    @AttributeDefinition(name = "Framework", description = "The framework its agents are built with (langchain, "
            + "mastra…), for operators and adapters", required = false)
    String framework() default "";

    @AttributeDefinition(name = "Restart", description = "When AgentX restarts the process", options = {
            @Option(value = "on-failure", label = "when it exits with an error or is killed"),
            @Option(value = "always", label = "whenever it exits"),
            @Option(value = "never", label = "never")})
    String restart() default "on-failure";

    @AttributeDefinition(name = "Restarts before giving up", description = "Crash loop limit: after this many "
            + "restarts within restartWindowSeconds AgentX stops restarting it (state CRASH_LOOP)", min = "0")
    int maxRestarts() default 5;

    @AttributeDefinition(name = "Crash loop window (s)", min = "1")
    int restartWindowSeconds() default 60;

    @AttributeDefinition(name = "First restart delay (ms)", description = "Doubles after each restart in the window",
            min = "0")
    int initialBackoffMillis() default 500;

    @AttributeDefinition(name = "Longest restart delay (ms)", min = "0")
    int maxBackoffMillis() default 30000;

    @AttributeDefinition(name = "Stop grace (ms)", description = "How long a stopping process gets after SIGTERM "
            + "before it is killed", min = "0")
    int stopGraceMillis() default 5000;
}
