package io.agentx.core.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Message;
import io.agentx.api.RequestContext;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Operation;

/**
 * Authorizes each A2A operation of an authenticated caller (its transport put the principal in the request's
 * metadata) against the access rules, and binds the request to the caller's tenant. Calls from inside AgentX
 * carry no principal and are not checked. Without the security service, authenticated calls are refused.
 */
final class CallerAccess {
    private volatile CallGuard guard;

    void guard(CallGuard available) {
        this.guard = available;
    }

    void unguard(CallGuard gone) {
        if (guard == gone) {
            guard = null;
        }
    }

    /** The request acting in the tenant its caller may act in. */
    RequestContext bind(RequestContext context) {
        AuthenticatedPrincipal principal = principal(context);
        if (principal == null) {
            return context;
        }
        String tenant = call(() -> current().tenant(principal, context.tenant()));
        return java.util.Objects.equals(tenant, context.tenant()) ? context : context.withTenant(tenant);
    }

    /** Checks that the caller may perform the operation on the agent ({@code null}: a task operation at the gateway). */
    void authorize(RequestContext context, Operation operation, String agentId, Message message) {
        AuthenticatedPrincipal principal = principal(context);
        if (principal == null) {
            return;
        }
        Object skill = message == null ? null : message.metadata().get("skill");
        call(() -> {
            current().authorize(principal, operation, agentId, skill instanceof String name ? name : null);
            return null;
        });
    }

    private CallGuard current() {
        CallGuard available = guard;
        if (available == null) {
            throw new A2aException(A2aError.AGENT_UNAVAILABLE, "AgentX's security service is not running (bundle "
                    + "io.agentx.security), so no authenticated call can be authorized; retry when it is back");
        }
        return available;
    }

    private static AuthenticatedPrincipal principal(RequestContext context) {
        return context.metadata().get(AuthenticatedPrincipal.CONTEXT_KEY) instanceof AuthenticatedPrincipal principal
                ? principal : null;
    }

    private static <T> T call(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (AccessDeniedException e) {
            throw new A2aException(A2aError.PERMISSION_DENIED, e.getMessage());
        }
    }
}
