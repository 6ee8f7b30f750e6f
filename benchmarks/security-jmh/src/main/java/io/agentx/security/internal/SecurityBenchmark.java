package io.agentx.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Credentials;
import io.agentx.security.api.Operation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What security costs one A2A request: authenticate its credentials, count it against the rate limits, bind its
 * tenant and check the access rules — as the transports and the task manager do — for an API key and for JWT
 * bearer tokens (cached after the first verification, and a full signature check for comparison).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecurityBenchmark {
    private static final String ISSUER = "https://idp.bench";
    private static final String SECRET = "bench-hmac-secret-of-at-least-32-bytes!";

    private SecurityService security;
    private JwtVerifier verifier;
    private String apiKey;
    private String rs256;
    private String hs256;

    @Setup
    public void setUp() throws Exception {
        Path data = Files.createTempDirectory("security-bench");
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = data.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(rsa.toPublicJWK()).toString());
        Map<String, Object> settings = Map.of("jwtIssuer", ISSUER, "jwtAudiences", new String[] {"agentx"},
                "jwtJwks", jwks.toString(), "jwtHmacSecret", SECRET,
                "acl", new String[] {"allow role:admin * *", "deny principal:mallory * *", "allow trust:verified * *"},
                "principalRate", 1e9, "tenantRate", 1e9);
        security = new SecurityService(data, "bench", null, config(settings));
        verifier = new JwtVerifier(new JwtVerifier.Settings(ISSUER, Set.of("agentx"), jwks.toString(), SECRET, 60,
                "tenant", "roles", "trust"));
        apiKey = security.issue("alice", "acme", Set.of("analyst"), null).key();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("agentx").subject("bob")
                .claim("tenant", "acme").expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
        SignedJWT rsJwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        rsJwt.sign(new RSASSASigner(rsa));
        rs256 = rsJwt.serialize();
        SignedJWT hsJwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hsJwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        hs256 = hsJwt.serialize();
    }

    @Benchmark
    public String apiKey() {
        return admitted(Credentials.of(null, apiKey));
    }

    @Benchmark
    public String bearerCached() {
        return admitted(Credentials.of("Bearer " + rs256, null));
    }

    @Benchmark
    public Object verifyRs256() {
        return verifier.verify(rs256);
    }

    @Benchmark
    public Object verifyHs256() {
        return verifier.verify(hs256);
    }

    /** A refused call: the refusal is also appended to the audit log. */
    @Benchmark
    public Object refusedWrongKey() {
        try {
            return security.admit(Credentials.of(null, "agx_000000000000_wrong"), "bench");
        } catch (AccessDeniedException e) {
            return e;
        }
    }

    private String admitted(Credentials credentials) {
        AuthenticatedPrincipal principal = security.admit(credentials, "bench");
        String tenant = security.tenant(principal, null);
        security.authorize(principal, Operation.SEND, "echo", null);
        return tenant;
    }

    private static SecurityConfig config(Map<String, Object> overrides) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(),
                new Class<?>[] {SecurityConfig.class}, (proxy, method, arguments) ->
                        overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue());
    }

}
