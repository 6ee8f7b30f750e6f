package io.agentx.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AccessDeniedException.Reason;
import io.agentx.security.api.ApiKeys;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Credentials;
import io.agentx.security.api.Operation;
import io.agentx.security.api.TrustLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys, access rules, tenants and rate limits as the transports meet them through the CallGuard. */
class CallGuardTest {
    @TempDir
    Path data;

    @Test
    void issuedKeysAuthenticateAreStoredOnlyAsHashesAndRevokeAtOnce() throws Exception {
        SecurityService security = service(Map.of());
        ApiKeys.IssuedKey first = security.issue("alice", "acme", Set.of("analyst"), TrustLevel.TRUSTED);
        ApiKeys.IssuedKey second = security.issue("alice", "acme", Set.of("analyst"), null);
        AuthenticatedPrincipal alice = security.admit(Credentials.of(null, first.key()), "test");
        assertEquals("alice", alice.name());
        assertEquals("acme", alice.tenant());
        assertEquals(TrustLevel.TRUSTED, alice.trustLevel());
        assertEquals(TrustLevel.VERIFIED, security.admit(Credentials.of(null, second.key()), "test").trustLevel());

        String stored = Files.readString(data.resolve("security/api-keys.json"));
        assertFalse(stored.contains(first.key()) || stored.contains(first.key().split("_", 3)[2]), "no key in clear");

        security.revoke(first.info().id());
        AccessDeniedException revoked = assertThrows(AccessDeniedException.class,
                () -> security.admit(Credentials.of(null, first.key()), "test"));
        assertTrue(revoked.getMessage().contains("was revoked"), revoked.getMessage());
        assertEquals("alice", security.admit(Credentials.of(null, second.key()), "test").name(), "rotation: the other key works");

        SecurityService restarted = service(Map.of());
        assertEquals("alice", restarted.admit(Credentials.of(null, second.key()), "test").name(), "keys survive a restart");
        assertThrows(AccessDeniedException.class, () -> restarted.admit(Credentials.of(null, first.key()), "test"));
        assertNull(restarted.revoke("nosuchkey"));
    }

    @Test
    void wrongMissingAndForgedKeysAreRefusedWithoutRepeatingThem() throws Exception {
        SecurityService security = service(Map.of());
        ApiKeys.IssuedKey key = security.issue("bob", null, Set.of(), null);
        String forged = key.key().substring(0, key.key().length() - 2) + "xx";
        for (String wrong : new String[] {forged, "agx_000000000000_abc", "hunter2"}) {
            AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                    () -> security.admit(Credentials.of(null, wrong), "test"));
            assertEquals(Reason.UNAUTHENTICATED, refused.reason());
            assertFalse(refused.getMessage().contains(wrong), refused.getMessage());
        }
        AccessDeniedException none = assertThrows(AccessDeniedException.class,
                () -> security.admit(Credentials.of(null, null), "test"));
        assertTrue(none.getMessage().contains("needs credentials"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> security.issue("no spaces please", null, Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> security.issue("eve", null, Set.of(), TrustLevel.INTERNAL));
    }

    @Test
    void theEnvironmentKeyIsAnAdministrator() throws Exception {
        SecurityService security = new SecurityService(data, "pw", "env-secret-key", Configs.security(Map.of()));
        AuthenticatedPrincipal admin = security.admit(Credentials.of(null, "env-secret-key"), "test");
        assertTrue(admin.hasRole(AuthenticatedPrincipal.ADMIN_ROLE));
        assertEquals(TrustLevel.INTERNAL, admin.trustLevel());
        assertTrue(security.authenticate("Basic " + java.util.Base64.getEncoder().encodeToString("admin:pw".getBytes()))
                .isPresent());
    }

    @Test
    void denyRulesWinOverAllowRulesAndWhatNoRuleAllowsIsDenied() throws Exception {
        SecurityService security = service(Map.of("acl", new String[] {
            "allow role:analyst send,get,stream echo,weather/forecast",
            "deny principal:mallory * *",
            "allow trust:trusted * *"}));
        AuthenticatedPrincipal analyst = new AuthenticatedPrincipal("ann", null, Set.of("analyst"), TrustLevel.VERIFIED);
        security.authorize(analyst, Operation.SEND, "echo", null);
        security.authorize(analyst, Operation.GET, "weather", "forecast");
        AccessDeniedException otherSkill = assertThrows(AccessDeniedException.class,
                () -> security.authorize(analyst, Operation.SEND, "weather", "alerts"));
        assertEquals(Reason.FORBIDDEN, otherSkill.reason());
        assertTrue(otherSkill.getMessage().contains("no access rule allows it"), otherSkill.getMessage());
        assertThrows(AccessDeniedException.class, () -> security.authorize(analyst, Operation.CANCEL, "echo", null));

        AuthenticatedPrincipal mallory = new AuthenticatedPrincipal("mallory", null, Set.of("analyst"), TrustLevel.TRUSTED);
        AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                () -> security.authorize(mallory, Operation.SEND, "echo", null));
        assertTrue(denied.getMessage().contains("'deny principal:mallory * *' denies it"), denied.getMessage());
        security.authorize(new AuthenticatedPrincipal("tom", null, Set.of(), TrustLevel.TRUSTED), Operation.CANCEL, "x", null);
    }

    @Test
    void malformedRulesDenyEverythingRatherThanAllowAnything() throws Exception {
        SecurityService security = service(Map.of("acl", new String[] {"allow everyone everything", "allow * * *"}));
        assertThrows(AccessDeniedException.class, () -> security.authorize(
                new AuthenticatedPrincipal("admin", Set.of("admin")), Operation.SEND, "echo", null));
    }

    @Test
    void aTenantBoundPrincipalActsOnlyInItsTenant() throws Exception {
        SecurityService security = service(Map.of());
        AuthenticatedPrincipal acme = new AuthenticatedPrincipal("ann", "acme", Set.of(), TrustLevel.VERIFIED);
        assertEquals("acme", security.tenant(acme, null));
        assertEquals("acme", security.tenant(acme, "acme"));
        AccessDeniedException other = assertThrows(AccessDeniedException.class, () -> security.tenant(acme, "globex"));
        assertEquals(Reason.FORBIDDEN, other.reason());
        assertEquals("globex", security.tenant(new AuthenticatedPrincipal("root", Set.of("admin")), "globex"));
    }

    @Test
    void rateLimitsRefuseWithRetryAfterAndRecover() {
        AtomicLong now = new AtomicLong();
        RateLimits limits = new RateLimits(2, 2, 3, 0, now::get);
        AuthenticatedPrincipal ann = new AuthenticatedPrincipal("ann", "acme", Set.of(), TrustLevel.VERIFIED);
        AuthenticatedPrincipal bob = new AuthenticatedPrincipal("bob", "acme", Set.of(), TrustLevel.VERIFIED);
        limits.count(ann);
        limits.count(ann);
        AccessDeniedException limited = assertThrows(AccessDeniedException.class, () -> limits.count(ann));
        assertEquals(Reason.RATE_LIMITED, limited.reason());
        assertEquals(1, limited.retryAfterSeconds());
        assertTrue(limited.getMessage().contains("principal 'ann'"), limited.getMessage());
        limits.count(bob); // the tenant's third request of this second
        AccessDeniedException tenant = assertThrows(AccessDeniedException.class, () -> limits.count(bob));
        assertTrue(tenant.getMessage().contains("tenant 'acme'"), tenant.getMessage());
        now.addAndGet(1_000_000_000L);
        limits.count(ann); // recovered after a second
    }

    @Test
    void cardsPublishExactlyTheAcceptedSchemes() throws Exception {
        SecurityService plain = service(Map.of());
        assertEquals(Set.of("apiKey", "adminPassword"), plain.securitySchemes().keySet());
        assertEquals(2, plain.securityRequirements().size());
        SecurityService off = service(Map.of("enforce", false));
        assertTrue(off.securitySchemes().isEmpty());
        assertTrue(off.securityRequirements().isEmpty());
        assertEquals(AuthenticatedPrincipal.ANONYMOUS, off.admit(Credentials.of(null, null), "test"));
    }

    private SecurityService service(Map<String, Object> overrides) throws Exception {
        return new SecurityService(data, "pw", null, Configs.security(overrides));
    }
}
