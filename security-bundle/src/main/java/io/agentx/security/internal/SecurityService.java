package io.agentx.security.internal;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AccessDeniedException.Reason;
import io.agentx.security.api.ApiKeys;
import io.agentx.security.api.AuditLog;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Authenticator;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Credentials;
import io.agentx.security.api.Operation;
import io.agentx.security.api.TrustLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentX's security: authenticates callers (admin password, API keys, JWT bearer tokens), applies the access
 * rules and rate limits of PID {@code io.agentx.security}, issues API keys, and writes every refusal and
 * administrative action to the audit log. The work is done by small parts; this component wires them to the
 * live configuration.
 */
@Component(service = {Authenticator.class, CallGuard.class, ApiKeys.class, AuditLog.class},
        configurationPid = "io.agentx.security")
@Designate(ocd = SecurityConfig.class)
public final class SecurityService implements Authenticator, CallGuard, ApiKeys, AuditLog {
    static final String API_KEY_VARIABLE = "AGENTX_API_KEY";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    private static final int REMEMBERED_TOKENS = 10_000;

    private final AdminAuthenticator admin;
    private final ApiKeyStore keys;
    private final AuditTrail audit;
    private final boolean mutualTls;
    private final Map<String, JwtVerifier.Verified> verifiedTokens = new ConcurrentHashMap<>();
    private volatile Settings settings;

    /** One configuration, swapped as a whole. */
    private record Settings(SecurityConfig config, AccessRules rules, RateLimits limits, JwtVerifier jwt,
            String jwtProblem, CertificatePrincipals certificates) {
    }

    @Activate
    public SecurityService(BundleContext context, SecurityConfig config) throws IOException {
        this(dataFolder(context), System.getenv(AdminAuthenticator.PASSWORD_VARIABLE), System.getenv(API_KEY_VARIABLE),
                config, clientCertificates(context.getProperty("agentx.tls.clientAuth")));
    }

    SecurityService(Path dataFolder, String adminPassword, String environmentKey, SecurityConfig config)
            throws IOException {
        this(dataFolder, adminPassword, environmentKey, config, false);
    }

    /** @param mutualTls whether the HTTPS listener asks clients for certificates (the cards then say so) */
    SecurityService(Path dataFolder, String adminPassword, String environmentKey, SecurityConfig config,
            boolean mutualTls) throws IOException {
        this.mutualTls = mutualTls;
        this.admin = new AdminAuthenticator(dataFolder, adminPassword, System.out);
        this.keys = new ApiKeyStore(dataFolder, environmentKey);
        this.audit = new AuditTrail(dataFolder);
        modified(config);
    }

    @Modified
    void modified(SecurityConfig config) {
        AccessRules rules;
        try {
            rules = AccessRules.parse(config.acl());
        } catch (IllegalArgumentException e) {
            LOG.error("The access rules of PID io.agentx.security are invalid, so every A2A call is denied until they "
                    + "are fixed: {}", e.getMessage());
            rules = AccessRules.parse(new String[0]);
        }
        JwtVerifier jwt = null;
        String jwtProblem = null;
        if (!config.jwtIssuer().isBlank()) {
            try {
                jwt = new JwtVerifier(new JwtVerifier.Settings(config.jwtIssuer(), Set.of(config.jwtAudiences()),
                        config.jwtJwks(), config.jwtHmacSecret(), config.jwtClockSkewSeconds(), config.jwtTenantClaim(),
                        config.jwtRolesClaim(), config.jwtTrustClaim()));
            } catch (IllegalArgumentException e) {
                jwtProblem = e.getMessage();
                LOG.error("Bearer tokens are refused until the JWT settings of PID io.agentx.security are fixed: {}",
                        jwtProblem);
            }
        }
        if (!config.enforce()) {
            LOG.warn("Security is not enforced (enforce=false in PID io.agentx.security): every A2A caller is anonymous");
        }
        TrustLevel certificateTrust;
        try {
            certificateTrust = TrustLevel.parse(config.certificateTrust());
        } catch (IllegalArgumentException e) {
            LOG.error("certificateTrust of PID io.agentx.security: {}; certificate callers are verified", e.getMessage());
            certificateTrust = TrustLevel.VERIFIED;
        }
        verifiedTokens.clear();
        settings = new Settings(config, rules, new RateLimits(config.principalRate(), config.principalBurst(),
                config.tenantRate(), config.tenantBurst(), System::nanoTime), jwt, jwtProblem,
                new CertificatePrincipals(config.certificateTenantAttribute(), config.certificateRolesAttribute(),
                        certificateTrust));
    }

    @Deactivate
    void deactivate() {
        audit.close();
    }

    // --- Authenticator

    @Override
    public AuthenticatedPrincipal authenticate(Credentials credentials) {
        if (credentials.apiKey() != null) {
            return keys.verify(credentials.apiKey());
        }
        String authorization = credentials.authorization();
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return admin.authenticate(authorization).orElseThrow(() -> unauthenticated(
                        "the user name or password is wrong"));
            }
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return bearer(authorization.substring(7).strip());
            }
            int space = authorization.indexOf(' ');
            throw unauthenticated("the Authorization scheme '" + (space < 0 ? "?" : authorization.substring(0, space))
                    + "' is not supported; send an API key in " + settings.config().apiKeyHeader()
                    + " or a Bearer token");
        }
        if (!credentials.clientCertificates().isEmpty()) {
            return settings.certificates().principal(credentials.clientCertificates());
        }
        throw unauthenticated("this call needs credentials: an API key in the " + settings.config().apiKeyHeader()
                + " header" + (settings.jwt() != null ? " or a bearer token" : "")
                + (mutualTls ? " or a client certificate" : ""));
    }

    private AuthenticatedPrincipal bearer(String token) {
        Settings current = settings;
        if (current.jwt() == null) {
            throw unauthenticated(current.jwtProblem() != null ? "bearer tokens cannot be verified: " + current.jwtProblem()
                    : "bearer tokens are not accepted here (no jwtIssuer in PID io.agentx.security); send an API key in "
                            + current.config().apiKeyHeader());
        }
        JwtVerifier.Verified known = verifiedTokens.get(token);
        if (known != null && known.expiresAtMillis() > System.currentTimeMillis()) {
            return known.principal();
        }
        JwtVerifier.Verified verified = current.jwt().verify(token);
        if (verifiedTokens.size() >= REMEMBERED_TOKENS) {
            verifiedTokens.clear();
        }
        verifiedTokens.put(token, verified);
        return verified.principal();
    }

    @Override
    public AuthenticatedPrincipal authenticateAdmin(UnaryOperator<String> headers, String where) {
        AuthenticatedPrincipal principal;
        try {
            principal = authenticate(Credentials.of(headers.apply("Authorization"), headers.apply(apiKeyHeader())));
        } catch (AccessDeniedException e) {
            audit.record("auth.failed", null, "denied", AuditTrail.details("where", where, "reason", e.getMessage()));
            throw e;
        }
        if (!principal.hasRole(AuthenticatedPrincipal.ADMIN_ROLE)) {
            audit.record("access.denied", principal.name(), "denied", AuditTrail.details("where", where,
                    "reason", "not an administrator"));
            throw new AccessDeniedException(Reason.FORBIDDEN, "principal '" + principal.name()
                    + "' does not hold the admin role");
        }
        return principal;
    }

    @Override
    public String challenge() {
        Settings current = settings;
        return current.jwt() != null ? "Bearer realm=\"AgentX\", Basic realm=\"AgentX\", charset=\"UTF-8\""
                : admin.challenge();
    }

    // --- CallGuard

    @Override
    public AuthenticatedPrincipal admit(Credentials credentials, String where) {
        Settings current = settings;
        if (!current.config().enforce()) {
            return AuthenticatedPrincipal.ANONYMOUS;
        }
        AuthenticatedPrincipal principal;
        try {
            principal = authenticate(credentials);
        } catch (AccessDeniedException e) {
            audit.record("auth.failed", null, "denied", AuditTrail.details("where", where, "reason", e.getMessage()));
            throw e;
        }
        try {
            current.limits().count(principal);
        } catch (AccessDeniedException e) {
            audit.record("rate.limited", principal.name(), "denied", AuditTrail.details("where", where,
                    "tenant", principal.tenant(), "reason", e.getMessage()));
            throw e;
        }
        return principal;
    }

    @Override
    public void authorize(AuthenticatedPrincipal principal, Operation operation, String agentId, String skill) {
        Settings current = settings;
        if (!current.config().enforce()) {
            return;
        }
        try {
            current.rules().check(principal, operation, agentId, skill);
        } catch (AccessDeniedException e) {
            audit.record("access.denied", principal.name(), "denied", AuditTrail.details("operation",
                    operation.ruleName(), "agent", agentId, "skill", skill, "reason", e.getMessage()));
            throw e;
        }
    }

    @Override
    public String tenant(AuthenticatedPrincipal principal, String requestedTenant) {
        String requested = requestedTenant == null || requestedTenant.isBlank() ? null : requestedTenant;
        if (!settings.config().enforce() || principal.tenant() == null) {
            return requested;
        }
        if (requested != null && !requested.equals(principal.tenant())) {
            audit.record("access.denied", principal.name(), "denied", AuditTrail.details("tenant", requested,
                    "reason", "belongs to tenant " + principal.tenant()));
            throw new AccessDeniedException(Reason.FORBIDDEN, "principal '" + principal.name() + "' belongs to tenant '"
                    + principal.tenant() + "' and cannot act in tenant '" + requested + "'");
        }
        return principal.tenant();
    }

    @Override
    public Map<String, Object> securitySchemes() {
        Settings current = settings;
        if (!current.config().enforce()) {
            return Map.of();
        }
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("apiKey", Map.of("apiKeySecurityScheme", Map.of("location", "header",
                "name", current.config().apiKeyHeader(), "description", "An API key issued by AgentX")));
        if (current.jwt() != null) {
            schemes.put("bearer", Map.of("httpAuthSecurityScheme", Map.of("scheme", "Bearer", "bearerFormat", "JWT",
                    "description", "A JWT from " + current.config().jwtIssuer())));
        }
        schemes.put("adminPassword", Map.of("httpAuthSecurityScheme", Map.of("scheme", "Basic",
                "description", "The AgentX administrator's password")));
        if (mutualTls) {
            schemes.put("clientCertificate", Map.of("mtlsSecurityScheme", Map.of("description",
                    "A TLS client certificate from a certificate authority AgentX trusts (HTTPS)")));
        }
        return schemes;
    }

    @Override
    public List<Map<String, Object>> securityRequirements() {
        List<Map<String, Object>> anyOne = new ArrayList<>();
        for (String scheme : securitySchemes().keySet()) {
            anyOne.add(Map.of("schemes", Map.of(scheme, Map.of("list", List.of()))));
        }
        return anyOne;
    }

    @Override
    public String apiKeyHeader() {
        return settings.config().apiKeyHeader();
    }

    // --- ApiKeys

    @Override
    public IssuedKey issue(String principal, String tenant, Set<String> roles, TrustLevel trustLevel) {
        return keys.issue(principal, tenant, roles, trustLevel);
    }

    @Override
    public List<KeyInfo> list() {
        return keys.list();
    }

    @Override
    public KeyInfo revoke(String id) {
        return keys.revoke(id); // keys are verified on every request, so a revoked key fails on the next one
    }

    // --- AuditLog

    @Override
    public void record(String action, String principal, String outcome, Map<String, ?> details) {
        audit.record(action, principal, outcome, details);
    }

    @Override
    public Verification verify() {
        try {
            AuditChain.Result result = audit.verify();
            return new Verification(result.entries(), result.brokenAt(), result.problem());
        } catch (IOException e) {
            return new Verification(0, 1, "the audit log cannot be read: " + e.getMessage());
        }
    }

    private static AccessDeniedException unauthenticated(String message) {
        return new AccessDeniedException(Reason.UNAUTHENTICATED, message);
    }

    private static boolean clientCertificates(String clientAuth) {
        return "want".equals(clientAuth) || "need".equals(clientAuth);
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("agentx.data");
        return data != null ? Path.of(data) : context.getDataFile("").toPath();
    }
}
