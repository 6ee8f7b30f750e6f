/**
 * The router as the task manager sees it: which agents exist, which one serves a message sent to the gateway,
 * and running a request on one healthy replica of an agent with safe failover.
 */
@Version("1.2.0")
package io.agentx.router.api;

import org.osgi.annotation.versioning.Version;
