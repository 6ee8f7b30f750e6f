package io.agentx.security.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the A2A transports and the task manager ask before serving a call: who is calling (and whether it is
 * within its rate limits), and whether it may perform an operation on an agent. Every refusal is audited.
 */
@ProviderType
public interface CallGuard {

    /**
     * Authenticates a call and counts it against the caller's and its tenant's rate limits.
     *
     * @param credentials what the request presented
     * @param where the transport and target, for the audit trail, e.g. {@code jsonrpc /agents/echo}
     * @throws AccessDeniedException UNAUTHENTICATED or RATE_LIMITED
     */
    AuthenticatedPrincipal admit(Credentials credentials, String where);

    /**
     * Checks the access rules: deny rules win over allow rules, and what no rule allows is denied.
     *
     * @param agentId the agent called, or {@code null} for task operations at the gateway
     * @param skill the skill the message asks for (its {@code skill} metadata), or {@code null}
     * @throws AccessDeniedException FORBIDDEN naming the principal, operation and agent
     */
    void authorize(AuthenticatedPrincipal principal, Operation operation, String agentId, String skill);

    /**
     * The tenant a call acts in: a principal bound to a tenant always acts in it; others act in the tenant the
     * request names (or none).
     *
     * @throws AccessDeniedException FORBIDDEN when a tenant-bound principal names another tenant
     */
    String tenant(AuthenticatedPrincipal principal, String requestedTenant);

    /** The {@code securitySchemes} agent cards publish: exactly the schemes that are accepted. */
    Map<String, Object> securitySchemes();

    /** The {@code securityRequirements} agent cards publish (any one of the schemes); empty when security is off. */
    List<Map<String, Object>> securityRequirements();

    /** The header that carries API keys, {@code X-API-Key} unless configured otherwise. */
    String apiKeyHeader();

    /** The {@code WWW-Authenticate} challenge for a refused HTTP call. */
    String challenge();
}
