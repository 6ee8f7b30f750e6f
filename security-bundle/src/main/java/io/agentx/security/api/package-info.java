/**
 * Security contracts: authentication of callers, authorization of A2A operations, API key issuance, and the
 * audit trail. AgentX's transports, task manager and management endpoints call them first.
 */
@Version("2.0.0")
package io.agentx.security.api;

import org.osgi.annotation.versioning.Version;
