package io.agentx.examples.hello.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings of the hello example (PID {@code io.agentx.examples.hello}). */
@ObjectClassDefinition(name = "AgentX hello example", description = "Answers GET /hello with a greeting.")
@interface HelloConfig {

    @AttributeDefinition(name = "Greeting", description = "The word the answer starts with.")
    String greeting() default "Hello";

    @AttributeDefinition(name = "Repeat", description = "How many times the greeting is said.", min = "1", max = "5")
    int repeat() default 1;

    @AttributeDefinition(name = "Style", options = {
            @Option(label = "Plain", value = "plain"), @Option(label = "Shout", value = "shout")})
    String style() default "plain";
}
