package io.agentx.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.TrustLevel;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies JWT bearer tokens with nimbus-jose-jwt: RS256 and ES256 against a JWK set (file or URL), HS256
 * against a configured secret. Unsigned ({@code alg: none}) and encrypted tokens are refused, and a token's
 * algorithm picks only keys of its own kind — an RSA public key is never used as an HMAC secret.
 */
final class JwtVerifier {

    /** What a token must satisfy and how its claims map to a principal. */
    record Settings(String issuer, Set<String> audiences, String jwks, String hmacSecret, int clockSkewSeconds,
            String tenantClaim, String rolesClaim, String trustClaim) {
    }

    private final Settings settings;
    private final Set<JWSAlgorithm> accepted;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Fetches of a JWK set URL are at least this far apart, however many unknown key ids arrive. */
    static final long JWKS_REFETCH_INTERVAL_MILLIS = 10_000;

    /**
     * @throws IllegalArgumentException naming the setting that is unusable
     */
    JwtVerifier(Settings settings) {
        this(settings, JWKS_REFETCH_INTERVAL_MILLIS);
    }

    JwtVerifier(Settings settings, long jwksRefetchIntervalMillis) {
        this.settings = settings;
        if (settings.issuer() == null || settings.issuer().isBlank()) {
            throw new IllegalArgumentException("jwtIssuer must be set to accept bearer tokens");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        JWKSource<SecurityContext> keys = settings.jwks() == null || settings.jwks().isBlank() ? null
                : jwkSource(settings.jwks(), jwksRefetchIntervalMillis);
        JWSVerificationKeySelector<SecurityContext> publicKeys = null;
        if (keys != null) {
            algorithms.addAll(List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
            publicKeys = new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys);
        }
        SecretKeySpec secret = null;
        if (settings.hmacSecret() != null && !settings.hmacSecret().isEmpty()) {
            byte[] bytes = settings.hmacSecret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalArgumentException("jwtHmacSecret must have at least 32 bytes for HS256, it has "
                        + bytes.length);
            }
            secret = new SecretKeySpec(bytes, "HmacSHA256");
            algorithms.add(JWSAlgorithm.HS256);
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("jwtIssuer is set but there are no keys to verify its tokens: set jwtJwks "
                    + "or jwtHmacSecret");
        }
        this.accepted = Set.copyOf(algorithms);
        JWSVerificationKeySelector<SecurityContext> rsaAndEc = publicKeys;
        SecretKeySpec hmac = secret;
        processor.setJWSKeySelector((header, context) -> {
            if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                return hmac == null ? List.<Key>of() : List.<Key>of(hmac);
            }
            return rsaAndEc == null ? List.<Key>of() : new ArrayList<Key>(rsaAndEc.selectJWSKeys(header, context));
        });
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audiences().isEmpty() ? null : new java.util.HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), new java.util.HashSet<>(Set.of("sub", "exp")), null);
        claims.setMaxClockSkew(settings.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A verified token's principal and when its token expires. */
    record Verified(AuthenticatedPrincipal principal, long expiresAtMillis) {
    }

    /**
     * @throws AccessDeniedException UNAUTHENTICATED saying why the token was refused
     */
    Verified verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refused("it is not a JWT (" + e.getMessage() + ")");
        }
        if (jwt instanceof PlainJWT) {
            throw refused("unsigned tokens (alg none) are not accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw refused("encrypted tokens are not accepted; send a signed JWT");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!accepted.contains(algorithm)) {
            throw refused("its algorithm " + algorithm + " is not accepted here (accepted: " + names(accepted) + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException e) {
            throw refused(describe(e.getMessage()));
        } catch (JOSEException e) {
            throw refused("it could not be verified (" + e.getMessage() + ")");
        }
        return new Verified(principal(claims), claims.getExpirationTime().getTime());
    }

    private AuthenticatedPrincipal principal(JWTClaimsSet claims) {
        String tenant = claim(claims, settings.tenantClaim());
        Set<String> roles = new LinkedHashSet<>();
        Object value = claims.getClaim(settings.rolesClaim());
        if (value instanceof Collection<?> list) {
            list.forEach(role -> roles.add(String.valueOf(role)));
        } else if (value instanceof String text && !text.isBlank()) {
            roles.addAll(Arrays.asList(text.strip().split("[\\s,]+")));
        }
        TrustLevel trust = TrustLevel.VERIFIED;
        String trustClaim = claim(claims, settings.trustClaim());
        if (trustClaim != null) {
            try {
                trust = TrustLevel.parse(trustClaim);
            } catch (IllegalArgumentException e) {
                throw refused("its claim '" + settings.trustClaim() + "' is not a trust level");
            }
            if (trust.atLeast(TrustLevel.INTERNAL)) {
                trust = TrustLevel.TRUSTED; // only AgentX's own credentials are internal
            }
            if (trust == TrustLevel.PUBLIC) {
                trust = TrustLevel.VERIFIED; // a verified token is verified whatever it says
            }
        }
        return new AuthenticatedPrincipal(claims.getSubject(), tenant, roles, trust);
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object value = name == null || name.isBlank() ? null : claims.getClaim(name);
        return value == null ? null : String.valueOf(value);
    }

    /** Nimbus's reasons, in the words of this API. */
    private static String describe(String reason) {
        String text = reason == null ? "" : reason;
        if (text.contains("Expired JWT")) {
            return "it has expired";
        }
        if (text.contains("before use time")) {
            return "it is not valid yet (nbf)";
        }
        if (text.contains("audience rejected")) {
            return "it is not meant for this audience (aud)";
        }
        if (text.contains("iss claim")) {
            return "it was issued by another issuer (iss)";
        }
        if (text.contains("Invalid signature") || text.contains("no matching key")) {
            return "its signature does not verify with any configured key";
        }
        if (text.contains("missing required claims")) {
            return "it lacks a required claim (sub, exp)";
        }
        return "it was rejected (" + text + ")";
    }

    private static String names(Set<JWSAlgorithm> algorithms) {
        return String.join(", ", algorithms.stream().map(JWSAlgorithm::getName).sorted().toList());
    }

    /** A JWK set URL is cached for 5 minutes and fetched again when a token names a key id it does not hold. */
    private static JWKSource<SecurityContext> jwkSource(String location, long refetchIntervalMillis) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            try {
                JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(
                        URI.create(location).toURL()).retrying(false);
                return (refetchIntervalMillis > 0 ? builder.rateLimited(refetchIntervalMillis) : builder.rateLimited(false))
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("jwtJwks '" + location + "' is not a valid URL: " + e.getMessage(), e);
            }
        }
        return new JwkFile(Path.of(location));
    }

    private static AccessDeniedException refused(String why) {
        return new AccessDeniedException(AccessDeniedException.Reason.UNAUTHENTICATED, "the bearer token was refused: "
                + why);
    }
}
