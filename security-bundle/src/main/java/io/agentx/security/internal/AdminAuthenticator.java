package io.agentx.security.internal;

import io.agentx.security.api.AuthenticatedPrincipal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication of the {@code admin} user. The password comes from {@code AGENTX_ADMIN_PASSWORD},
 * or is generated on first start and printed once; only its salted hash is stored, under
 * {@code data/security/admin-password}. A configured password is hashed and stored off the start-up path: at the first
 * admin login, or {@link #STORE_DELAY} after start. Credentials already verified are remembered by a SHA-256
 * fingerprint so that each request does not pay for PBKDF2 again.
 */
final class AdminAuthenticator {
    static final String PASSWORD_VARIABLE = "AGENTX_ADMIN_PASSWORD";
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthenticator.class);
    private static final AuthenticatedPrincipal ADMIN_PRINCIPAL =
            new AuthenticatedPrincipal(ADMIN, Set.of(AuthenticatedPrincipal.ADMIN_ROLE));
    private static final int REMEMBERED_LIMIT = 64;
    static final Duration STORE_DELAY = Duration.ofSeconds(10);

    private final PreparedHash adminHash;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    AdminAuthenticator(Path dataFolder, String configuredPassword, PrintStream console) throws IOException {
        this(dataFolder, configuredPassword, console, STORE_DELAY);
    }

    /** @param storeDelay how long after start a configured password is hashed and stored if nobody logs in first */
    AdminAuthenticator(Path dataFolder, String configuredPassword, PrintStream console, Duration storeDelay)
            throws IOException {
        AdminPasswordFile file = new AdminPasswordFile(dataFolder);
        if (configuredPassword != null && !configuredPassword.isBlank()) {
            adminHash = PreparedHash.deferred(() -> hashAndStore(configuredPassword.toCharArray(), file), storeDelay);
            return;
        }
        Optional<PasswordHash> stored = file.read();
        if (stored.isPresent()) {
            adminHash = PreparedHash.of(stored.get());
            return;
        }
        char[] generated = GeneratedPassword.create(20);
        console.println("AgentX admin password (shown only this once): " + new String(generated)
                + "   user: admin — set AGENTX_ADMIN_PASSWORD to choose your own");
        LOG.warn("Generated an admin password on first start; its salted hash is stored in {}", file.path());
        adminHash = PreparedHash.deferred(() -> hashAndStore(generated, file), Duration.ZERO); // shown once: store it now
    }

    private static PasswordHash hashAndStore(char[] password, AdminPasswordFile file) {
        PasswordHash hash = PasswordHash.of(password);
        try {
            file.write(hash);
        } catch (IOException e) {
            LOG.error("Cannot store the admin password hash in {}: {}", file.path(), e.getMessage());
        }
        return hash;
    }

    /** The admin principal for the right {@code Basic} credentials; empty for anything else. */
    Optional<AuthenticatedPrincipal> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String fingerprint = HexFormat.of().formatHex(PasswordHash.fingerprint(authorization));
        if (verified.contains(fingerprint)) {
            return Optional.of(ADMIN_PRINCIPAL);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(ADMIN)) {
            return Optional.empty();
        }
        if (!hash().matches(decoded.substring(colon + 1).toCharArray())) {
            return Optional.empty();
        }
        if (verified.size() >= REMEMBERED_LIMIT) {
            verified.clear();
        }
        verified.add(fingerprint);
        return Optional.of(ADMIN_PRINCIPAL);
    }

    String challenge() {
        return "Basic realm=\"AgentX\", charset=\"UTF-8\"";
    }

    private PasswordHash hash() {
        try {
            return adminHash.get();
        } catch (CompletionException e) {
            throw new IllegalStateException("the admin password could not be prepared", e.getCause());
        }
    }
}
