/**
 * The contracts between AgentX bundles: {@link io.agentx.api.Agent} (what every agent is, in-kernel or
 * proxied), {@link io.agentx.api.TaskEvents} (how an agent reports progress), {@link io.agentx.api.TaskStore}
 * (where tasks live) and {@link io.agentx.api.A2aService} (the protocol operations the transports call).
 */
@Version("2.4.0")
package io.agentx.api;

import org.osgi.annotation.versioning.Version;
