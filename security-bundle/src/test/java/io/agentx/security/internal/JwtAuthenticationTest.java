package io.agentx.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Credentials;
import io.agentx.security.api.TrustLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens: what is accepted, and every way a token must be refused (negative tests are the point). */
class JwtAuthenticationTest {
    private static final String ISSUER = "https://idp.example";
    private static final String AUDIENCE = "agentx";
    private static final String SECRET = "0123456789abcdef0123456789abcdef-hs256";
    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static ECKey ec;

    @TempDir
    static Path data;
    private static SecurityService security;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, different key
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Path jwks = data.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        security = new SecurityService(data, "admin-password", null, Configs.security(Map.of(
                "jwtIssuer", ISSUER, "jwtAudiences", new String[] {AUDIENCE}, "jwtJwks", jwks.toString(),
                "jwtHmacSecret", SECRET, "jwtClockSkewSeconds", 30)));
    }

    @Test
    void rs256Es256AndHs256TokensAuthenticateWithTheirClaims() throws Exception {
        AuthenticatedPrincipal alice = bearer(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                claims().claim("tenant", "acme").claim("roles", List.of("analyst", "ops")).claim("trust", "trusted")));
        assertEquals("alice", alice.name());
        assertEquals("acme", alice.tenant());
        assertEquals(Set.of("analyst", "ops"), alice.roles());
        assertEquals(TrustLevel.TRUSTED, alice.trustLevel());

        assertEquals("alice", bearer(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", claims())).name());
        AuthenticatedPrincipal hmac = bearer(sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256, null, claims().claim("roles", "reader writer")));
        assertEquals(Set.of("reader", "writer"), hmac.roles());
        assertEquals(TrustLevel.VERIFIED, hmac.trustLevel());
    }

    @Test
    void aTokenCannotClaimToBeInternal() throws Exception {
        assertEquals(TrustLevel.TRUSTED, bearer(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                claims().claim("trust", "internal"))).trustLevel());
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedBeyondTheClockSkew() throws Exception {
        long now = System.currentTimeMillis();
        refused("has expired", sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                claims().expirationTime(new Date(now - 120_000))));
        refused("not valid yet", sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                claims().notBeforeTime(new Date(now + 120_000))));
        // within the 30 s skew: accepted
        bearer(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims().expirationTime(new Date(now - 5_000))));
    }

    @Test
    void wrongIssuerAudienceOrMissingClaimsAreRefused() throws Exception {
        refused("another issuer", sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1",
                claims().issuer("https://evil.example")));
        refused("audience", sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims().audience("other")));
        refused("required claim", sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims().subject(null)));
    }

    @Test
    void wrongSignaturesAreRefused() throws Exception {
        refused("signature", sign(new RSASSASigner(otherRsa), JWSAlgorithm.RS256, "rsa-1", claims()));
        refused("signature", sign(new MACSigner("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256, null, claims()));
        String valid = sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims());
        String[] parts = valid.split("\\.");
        String otherClaims = Base64URL.encode(claims().subject("mallory").build().toString()).toString();
        refused("signature", parts[0] + "." + otherClaims + "." + parts[2]);
    }

    @Test
    void unsignedTokensAreRefused() {
        refused("alg none", new PlainJWT(claims().build()).serialize());
    }

    @Test
    void hmacWithThePublicRsaKeyAsSecretIsRefused() throws Exception {
        // the classic algorithm confusion: an HS256 token whose "secret" is the RSA public key everyone can read
        byte[] publicKey = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
        byte[] padded = java.util.Arrays.copyOf(publicKey, Math.max(32, publicKey.length));
        refused("signature", sign(new MACSigner(padded), JWSAlgorithm.HS256, "rsa-1", claims()));
    }

    @Test
    void algorithmsNotConfiguredAreRefused() throws Exception {
        refused("HS512 is not accepted", sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS512, null, claims()));
        refused("not a JWT", "definitely.not.a-token");
    }

    @Test
    void bearerTokensAreRefusedWhenNoIssuerIsConfigured(@TempDir Path other) throws Exception {
        SecurityService noJwt = new SecurityService(other, "pw", null, Configs.security(Map.of()));
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> noJwt.authenticate(Credentials.of("Bearer abc.def.ghi", null)));
        assertTrue(refused.getMessage().contains("no jwtIssuer"), refused.getMessage());
    }

    @Test
    void aJwkSetUrlIsFetchedAgainWhenATokenNamesANewKey() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        java.util.concurrent.atomic.AtomicReference<String> served =
                new java.util.concurrent.atomic.AtomicReference<>(new JWKSet(first.toPublicJWK()).toString());
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer idp = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        try {
            JwtVerifier verifier = new JwtVerifier(new JwtVerifier.Settings(ISSUER, Set.of(AUDIENCE),
                    "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json", null, 30, "tenant", "roles",
                    "trust"), 0);
            assertEquals("alice", verifier.verify(sign(new RSASSASigner(first), JWSAlgorithm.RS256, "k1", claims()))
                    .principal().name());
            verifier.verify(sign(new RSASSASigner(first), JWSAlgorithm.RS256, "k1", claims().subject("bob")));
            assertEquals(1, fetches.get(), "the key set is cached");

            served.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())).toString());
            assertEquals("carol", verifier.verify(sign(new RSASSASigner(rotated), JWSAlgorithm.RS256, "k2",
                    claims().subject("carol"))).principal().name(), "an unknown kid makes the verifier fetch again");
            assertEquals(2, fetches.get());
        } finally {
            idp.stop(0);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet.Builder claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static AuthenticatedPrincipal bearer(String token) {
        return security.authenticate(Credentials.of("Bearer " + token, null));
    }

    private static void refused(String reason, String token) {
        AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> bearer(token));
        assertEquals(AccessDeniedException.Reason.UNAUTHENTICATED, refused.reason());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertTrue(!refused.getMessage().contains(token), "the token is never repeated");
    }
}
