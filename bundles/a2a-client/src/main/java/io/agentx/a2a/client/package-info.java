/**
 * A client for remote A2A agents: {@link io.agentx.a2a.client.A2aClients#connect} reads an agent card, picks
 * the best interface it offers (A2A 1.0 before 0.3; JSON-RPC or HTTP+JSON) and returns an
 * {@link io.agentx.a2a.client.A2aClient} speaking it. Answers are the {@code io.agentx.a2a.model} types whatever the
 * wire version. Errors the agent reports are {@link io.agentx.a2a.model.A2aException}s; failures to reach it or
 * to understand it are {@link io.agentx.a2a.client.A2aClientException}s, which say whether the request may have
 * reached the agent (it cannot have when the connection was refused or failed before the whole request was sent).
 */
@Version("1.3.0")
package io.agentx.a2a.client;

import org.osgi.annotation.versioning.Version;
