package io.agentx.adapter.autogen;

import io.agentx.a2a.model.Role;

/**
 * Where each side keeps what the other has no field for. AutoGen messages carry everything A2A-only (conversation
 * ids, message metadata, parts the AutoGen type cannot hold, losses) as one JSON text in their {@code metadata}
 * (a {@code Dict[str, str]}) under {@value #CARRIER}; A2A messages carry AutoGen's fields in their metadata as
 * {@code autogen.<field>} ({@code autogen.source}, {@code autogen.type}, {@code autogen.models_usage}…).
 */
final class Conventions {
    /** AutoGen metadata key of the A2A-only fields, a JSON object as text. */
    static final String CARRIER = "agentx.a2a";
    /** Prefix of A2A metadata keys that hold an AutoGen field. */
    static final String FIELD = "autogen.";
    /** {@code agentx.kind} of a data part holding AutoGen content A2A has no part for (memory query results…). */
    static final String AUTOGEN_CONTENT = "autogen.content";
    /** AutoGen's source of the user's messages (as {@code run(task="…")} names it). */
    static final String USER_SOURCE = "user";
    /** The source of agent messages that name no agent. */
    static final String AGENT_SOURCE = "assistant";

    private Conventions() {
    }

    /** The source a message of this role has when nothing names one. */
    static String defaultSource(Role role) {
        return role == Role.USER ? USER_SOURCE : AGENT_SOURCE;
    }

    /** The role AutoGen's source implies: the user's own messages, or an agent's. */
    static Role impliedRole(String source) {
        return USER_SOURCE.equals(source) ? Role.USER : Role.AGENT;
    }
}
