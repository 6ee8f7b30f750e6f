/**
 * The Agent2Agent (A2A) 1.0 data model as immutable values: agent cards, tasks, messages, parts, artifacts and
 * stream events. Optional fields are {@code null}; lists and maps are never {@code null} and never mutable.
 */
@Version("1.5.0")
package io.agentx.a2a.model;

import org.osgi.annotation.versioning.Version;
