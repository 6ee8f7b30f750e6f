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

/** What a message must satisfy before an agent sees it: required extensions and acceptable output modes. */
final class RequestChecks {
    private RequestChecks() {
    }

    static void check(AgentCard card, RequestContext context, SendMessageRequest request) {
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
