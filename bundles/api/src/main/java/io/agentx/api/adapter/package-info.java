/**
 * Framework adapters: what AgentX knows about one AI framework — how A2A messages look in the framework's own
 * message schema (both directions), and how the framework's agents run as plugins.
 */
@Version("1.1.0")
package io.agentx.api.adapter;

import org.osgi.annotation.versioning.Version;
