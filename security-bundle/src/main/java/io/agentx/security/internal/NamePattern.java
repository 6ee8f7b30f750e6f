package io.agentx.security.internal;

/** A name or a prefix: {@code io.agentx.api.TaskStore}, {@code io.agentx.security.api.*}, {@code com.acme*}, {@code *}. */
record NamePattern(String text) {

    boolean matches(String name) {
        if (text.equals("*")) {
            return true;
        }
        if (text.endsWith("*")) {
            return name.startsWith(text.substring(0, text.length() - 1));
        }
        return text.equals(name);
    }
}
