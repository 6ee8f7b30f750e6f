/**
 * The A2A 1.0 JSON codec (ProtoJSON form: lowerCamelCase fields, {@code TASK_STATE_*} and {@code ROLE_*} enum
 * names, flattened parts), with the A2A 0.3 dialects mapped to the same model: JSON-RPC ({@link
 * io.agentx.a2a.json.A2aJson03}) and HTTP+JSON ({@link io.agentx.a2a.json.A2aProtoJson03}, ProtoJSON of the
 * v0.3.0 proto). Decoding validates and names the offending field in its errors.
 */
@Version("1.1.0")
package io.agentx.a2a.json;

import org.osgi.annotation.versioning.Version;
