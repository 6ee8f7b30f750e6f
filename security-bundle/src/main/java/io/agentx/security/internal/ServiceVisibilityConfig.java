package io.agentx.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "AgentX service visibility", description = "Which services untrusted bundles may see. "
        + "Bundles installed through deploy/ or the management API, and bundles matching 'restrictedBundles', are "
        + "untrusted: protected services are hidden from them unless a grant names them. Changes apply to later "
        + "lookups; restart a bundle to apply them to services it already holds.")
@interface ServiceVisibilityConfig {

    @AttributeDefinition(name = "Protected services", description = "Service interfaces (a trailing .* matches a "
            + "package) hidden from untrusted bundles")
    String[] protectedServices() default {"io.agentx.api.TaskStore", "io.agentx.security.api.*",
        "org.osgi.service.cm.ConfigurationAdmin", "org.osgi.service.jdbc.DataSourceFactory",
        "org.apache.felix.webconsole.spi.SecurityProvider", "io.agentx.router.api.AgentRouter"};

    @AttributeDefinition(name = "Restricted bundles", description = "Symbolic names (a trailing * matches a prefix) "
            + "untrusted wherever they were installed from, e.g. framework adapters")
    String[] restrictedBundles() default {"io.agentx.adapter.*"};

    @AttributeDefinition(name = "Grants", description = "'<symbolic name pattern> -> <service pattern>[, …]': the "
            + "protected services an untrusted bundle may see, e.g. 'com.acme.audit -> io.agentx.api.TaskStore'")
    String[] grants() default {};
}
