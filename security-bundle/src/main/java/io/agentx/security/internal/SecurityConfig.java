package io.agentx.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "AgentX security", description = "Authentication, access rules and rate limits of "
        + "every A2A call (JSON-RPC, HTTP+JSON, gRPC). Changes apply to the next request.")
@interface SecurityConfig {

    @AttributeDefinition(name = "Enforce", description = "Authenticate and authorize every A2A call. Switch off only "
            + "on a private machine, e.g. to measure what security costs: every caller is then anonymous and public.")
    boolean enforce() default true;

    @AttributeDefinition(name = "API key header", description = "The header that carries API keys")
    String apiKeyHeader() default "X-API-Key";

    @AttributeDefinition(name = "Access rules", description = "'allow|deny <who> <operations> <agents>', first the "
            + "effect, then who (*, principal:NAME, role:NAME, tenant:NAME, trust:LEVEL meaning that level or above), "
            + "operations (*, or a comma list of send, stream, get, list, cancel, subscribe, push_config, "
            + "extended_card) and agents (*, or a comma list of agent ids, each optionally agent/skill). A deny rule "
            + "wins over any allow rule; what no rule allows is denied.")
    String[] acl() default {"allow role:admin * *", "allow trust:verified * *"};

    @AttributeDefinition(name = "JWT issuer", description = "The 'iss' bearer tokens must carry; empty: bearer "
            + "tokens are not accepted")
    String jwtIssuer() default "";

    @AttributeDefinition(name = "JWT audiences", description = "Tokens must name one of these in 'aud' (empty: any)")
    String[] jwtAudiences() default {};

    @AttributeDefinition(name = "JWT signing keys (JWKS)", description = "A JWK set file path, or an http(s) URL "
            + "(cached; fetched again when a token names an unknown key id). RS256 and ES256 keys.")
    String jwtJwks() default "";

    @AttributeDefinition(name = "JWT HMAC secret", type = AttributeType.PASSWORD, required = false,
            description = "A shared secret (at least 32 bytes) for HS256 tokens; empty: HS256 is not accepted")
    String jwtHmacSecret() default "";

    @AttributeDefinition(name = "JWT clock skew (seconds)", min = "0", max = "600")
    int jwtClockSkewSeconds() default 60;

    @AttributeDefinition(name = "Tenant claim", description = "The claim naming the principal's tenant")
    String jwtTenantClaim() default "tenant";

    @AttributeDefinition(name = "Roles claim", description = "The claim listing the principal's roles")
    String jwtRolesClaim() default "roles";

    @AttributeDefinition(name = "Trust claim", description = "The claim naming the principal's trust level "
            + "(at most 'trusted': only AgentX's own credentials are internal)")
    String jwtTrustClaim() default "trust";

    @AttributeDefinition(name = "Certificate tenant attribute", description = "The subject attribute of a TLS client "
            + "certificate that names the caller's tenant, e.g. O; empty: certificate callers have no tenant")
    String certificateTenantAttribute() default "";

    @AttributeDefinition(name = "Certificate roles attribute", description = "The subject attribute whose values are "
            + "the caller's roles")
    String certificateRolesAttribute() default "OU";

    @AttributeDefinition(name = "Certificate trust level", description = "verified or trusted")
    String certificateTrust() default "verified";

    @AttributeDefinition(name = "Principal rate (requests/s)", min = "0",
            description = "Each principal's sustained request rate; 0: unlimited")
    double principalRate() default 0;

    @AttributeDefinition(name = "Principal burst", min = "0",
            description = "Requests a principal may send at once above its rate; 0: one second's worth")
    int principalBurst() default 0;

    @AttributeDefinition(name = "Tenant rate (requests/s)", min = "0",
            description = "Each tenant's sustained request rate, all its principals together; 0: unlimited")
    double tenantRate() default 0;

    @AttributeDefinition(name = "Tenant burst", min = "0")
    int tenantBurst() default 0;
}
