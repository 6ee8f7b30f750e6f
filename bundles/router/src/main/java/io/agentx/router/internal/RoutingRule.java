package io.agentx.router.internal;

import io.agentx.a2a.model.Message;
import io.agentx.api.RequestContext;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One gateway route: {@code <condition> -> <agentId>}, the condition being {@code skill=<id>} or
 * {@code tag=<tag>} (matched against the message metadata {@code skill} and {@code tags}),
 * {@code extension=<uri>} (an A2A extension the client activated), {@code tenant=<name>}, or {@code *}.
 */
record RoutingRule(String text, Kind kind, String value, String agentId) {
    enum Kind { SKILL, TAG, EXTENSION, TENANT, ANY }

    static final String SYNTAX = "'<condition> -> <agentId>' with condition skill=<id>, tag=<tag>, extension=<uri>, "
            + "tenant=<name> or *";

    /** @throws IllegalArgumentException naming the rule and what is wrong with it */
    static RoutingRule parse(String text) {
        int arrow = text == null ? -1 : text.indexOf("->");
        String agentId = arrow < 0 ? "" : text.substring(arrow + 2).trim();
        if (arrow < 0 || agentId.isEmpty() || !agentId.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("route '" + text + "' is not " + SYNTAX);
        }
        String condition = text.substring(0, arrow).trim();
        if (condition.equals("*")) {
            return new RoutingRule(text.trim(), Kind.ANY, null, agentId);
        }
        int equals = condition.indexOf('=');
        String value = equals < 0 ? "" : condition.substring(equals + 1).trim();
        Kind kind = equals < 0 ? null : switch (condition.substring(0, equals).trim().toLowerCase(Locale.ROOT)) {
            case "skill" -> Kind.SKILL;
            case "tag" -> Kind.TAG;
            case "extension" -> Kind.EXTENSION;
            case "tenant" -> Kind.TENANT;
            default -> null;
        };
        if (kind == null || value.isEmpty()) {
            throw new IllegalArgumentException("route '" + text + "' has condition '" + condition + "'; expected "
                    + SYNTAX);
        }
        return new RoutingRule(text.trim(), kind, value, agentId);
    }

    boolean matches(RequestContext context, Message message) {
        return switch (kind) {
            case ANY -> true;
            case SKILL -> value.equals(skillOf(message));
            case TAG -> tagsOf(message).contains(value);
            case EXTENSION -> context.extensions().contains(value) || message.extensions().contains(value);
            case TENANT -> value.equals(context.tenant());
        };
    }

    /** The skill a message asks for: its metadata {@code skill} (or {@code skillId}). */
    static String skillOf(Message message) {
        Object skill = message.metadata().get("skill");
        if (skill == null) {
            skill = message.metadata().get("skillId");
        }
        return skill instanceof String text ? text : null;
    }

    /** The tags of a message: its metadata {@code tags}, a list or a comma-separated string. */
    static List<String> tagsOf(Message message) {
        Object tags = message.metadata().get("tags");
        if (tags instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (tags instanceof String text) {
            return List.of(text.split("\\s*,\\s*"));
        }
        return List.of();
    }
}
