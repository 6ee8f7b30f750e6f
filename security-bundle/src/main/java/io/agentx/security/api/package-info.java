/** Authentication contracts that AgentX's transports and management endpoints call first. */
@Version("1.0.0")
package io.agentx.security.api;

import org.osgi.annotation.versioning.Version;
