package io.agentx.security.api;

import java.util.Locale;

/** The A2A operations access rules name, by their short names ({@code send}, {@code get}…). */
public enum Operation {
    /** SendMessage. */
    SEND,
    /** SendStreamingMessage. */
    STREAM,
    /** GetTask. */
    GET,
    /** ListTasks. */
    LIST,
    /** CancelTask. */
    CANCEL,
    /** SubscribeToTask. */
    SUBSCRIBE,
    /** Create, get, list and delete task push-notification configurations. */
    PUSH_CONFIG,
    /** GetExtendedAgentCard. */
    EXTENDED_CARD;

    /** The name rules use: lower case, e.g. {@code push_config}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
