/**
 * The A2A 1.0 JSON codec (ProtoJSON form: lowerCamelCase fields, {@code TASK_STATE_*} and {@code ROLE_*} enum
 * names, flattened parts). Decoding validates and names the offending field in its errors.
 */
@Version("1.0.0")
package io.agentx.a2a.json;

import org.osgi.annotation.versioning.Version;
