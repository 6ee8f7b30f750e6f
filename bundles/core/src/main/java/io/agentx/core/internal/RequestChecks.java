package io.agentx.core.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentExtension;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.api.RequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a message must satisfy before an agent sees it: ids short enough to keep, required extensions and
 * acceptable output modes.
 */
final class RequestChecks {
    /** The longest id a client may choose (context ids, push configuration ids): what the task store keeps. */
    static final int MAX_ID_LENGTH = 256;

    private RequestChecks() {
    }

    /** Refuses a client-chosen id longer than {@link #MAX_ID_LENGTH}, naming the field. */
    static void checkId(String id, String field) {
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw A2aException.invalid(field, "is " + id.length() + " characters long; at most " + MAX_ID_LENGTH
                    + " are accepted");
        }
    }

    static void check(AgentCard card, RequestContext context, SendMessageRequest request) {
        checkId(request.message().contextId(), "message.contextId");
        for (AgentExtension extension : card.capabilities().extensions()) {
            if (extension.required() && !context.extensions().contains(extension.uri())) {
                throw new A2aException(A2aError.EXTENSION_SUPPORT_REQUIRED, "agent '" + card.name()
                        + "' requires the extension " + extension.uri() + "; activate it with the A2A-Extensions header",
                        Map.of("extension", extension.uri()));
            }
        }
        List<String> accepted = request.configuration().acceptedOutputModes();
        List<String> produced = card.defaultOutputModes();
        if (accepted.isEmpty() || produced.isEmpty()) {
            return;
        }
        for (String mode : accepted) {
            for (String output : produced) {
                if (matches(mode, output)) {
                    return;
                }
            }
        }
        throw new A2aException(A2aError.CONTENT_TYPE_NOT_SUPPORTED, "agent '" + card.name() + "' produces "
                + String.join(", ", produced) + " but the request accepts only " + String.join(", ", accepted),
                Map.of("acceptedOutputModes", String.join(",", accepted)));
    }

    private static boolean matches(String accepted, String produced) {
        String a = accepted.toLowerCase(Locale.ROOT).trim();
        String p = produced.toLowerCase(Locale.ROOT).trim();
        if (a.equals("*/*") || a.equals(p)) {
            return true;
        }
        return a.endsWith("/*") && p.startsWith(a.substring(0, a.length() - 1));
    }
}
