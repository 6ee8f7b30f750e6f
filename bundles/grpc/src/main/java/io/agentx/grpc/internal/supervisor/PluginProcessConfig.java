package io.agentx.grpc.internal.supervisor;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "AgentX plugin process", description = "A plugin process AgentX starts, watches and "
        + "restarts: one factory configuration per plugin (config/io.agentx.plugin~<name>.cfg.json). The process "
        + "gets AGENTX_PLUGIN_URL, AGENTX_PLUGIN_TOKEN and AGENTX_PLUGIN_NAME in its environment, and "
        + "AGENTX_PLUGIN_LIFELINE=stdin: its stdin ends when AgentX's process does, and the SDKs then stop it.")
public @interface PluginProcessConfig {

    @AttributeDefinition(name = "Name", description = "The plugin's name; default: the configuration's name (after '~')",
            required = false)
    String name() default "";

    @AttributeDefinition(name = "Command", description = "The program to run, e.g. node or /usr/bin/python3; "
            + "leave it out to let the framework's adapter say how its script runs (framework and script)",
            required = false)
    String command() default "";

    @AttributeDefinition(name = "Arguments", description = "Its arguments, e.g. the agent script (after the "
            + "adapter's own when the command is left out)", required = false)
    String[] arguments() default {};

    @AttributeDefinition(name = "Script", description = "The agent script, run the way the framework's adapter "
            + "says (e.g. node for langchain, langgraph and mastra; python3 for autogen, crewai and "
            + "semantic-kernel); used when the command is left out", required = false)
    String script() default "";

    @AttributeDefinition(name = "Environment", description = "Extra environment variables, each NAME=value",
            required = false)
    String[] environment() default {};

    @AttributeDefinition(name = "Working folder", description = "Folder the process runs in; default: AgentX's",
            required = false)
    String workingDirectory() default "";

    @AttributeDefinition(name = "Framework", description = "The framework its agents are built with (langchain, "
            + "langgraph, mastra, autogen, crewai, semantic-kernel): with a script and no command, the process "
            + "starts once that framework's adapter is installed and stops when it leaves", required = false)
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
