package io.agentx.security.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.ApiKeys;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.TrustLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys as {@code agx_<id>_<secret>}: the id finds the entry, the SHA-256 of the whole key must match its
 * stored hash (keys are 256 random bits, so a fast hash is safe). Stored in {@code data/security/api-keys.json},
 * readable by the owner only; the key given in {@code AGENTX_API_KEY} lives only in memory, as a hash.
 */
final class ApiKeyStore implements ApiKeys {
    static final String ENVIRONMENT_KEY_PRINCIPAL = "admin";
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One stored key; times in ISO-8601. */
    record StoredKey(String id, String principal, String tenant, Set<String> roles, TrustLevel trustLevel,
            String created, String revoked, String sha256) {
        KeyInfo info() {
            return new KeyInfo(id, principal, tenant, roles, trustLevel, Instant.parse(created),
                    revoked == null ? null : Instant.parse(revoked));
        }

        AuthenticatedPrincipal principalOf() {
            return new AuthenticatedPrincipal(principal, tenant, roles, trustLevel);
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final byte[] environmentKeyHash;
    private volatile Map<String, StoredKey> keys;

    ApiKeyStore(Path dataFolder, String environmentKey) throws IOException {
        this.file = dataFolder.resolve("security").resolve("api-keys.json");
        this.environmentKeyHash = environmentKey == null || environmentKey.isBlank() ? null
                : PasswordHash.fingerprint(environmentKey.strip());
        this.keys = read();
    }

    /**
     * The principal an API key belongs to.
     *
     * @throws AccessDeniedException UNAUTHENTICATED for a key that is unknown, malformed or revoked
     */
    AuthenticatedPrincipal verify(String key) {
        byte[] hash = PasswordHash.fingerprint(key);
        if (environmentKeyHash != null && java.security.MessageDigest.isEqual(hash, environmentKeyHash)) {
            return new AuthenticatedPrincipal(ENVIRONMENT_KEY_PRINCIPAL, null, Set.of(AuthenticatedPrincipal.ADMIN_ROLE),
                    TrustLevel.INTERNAL);
        }
        String[] parts = key.split("_", 3);
        if (parts.length != 3 || !parts[0].equals("agx")) {
            throw unauthenticated("the API key is not one AgentX issued (they look like agx_<id>_<secret>)");
        }
        StoredKey stored = keys.get(parts[1]);
        if (stored == null || !java.security.MessageDigest.isEqual(hash, HexFormat.of().parseHex(stored.sha256()))) {
            throw unauthenticated("the API key is not valid");
        }
        if (stored.revoked() != null) {
            throw unauthenticated("the API key " + stored.id() + " was revoked at " + stored.revoked());
        }
        return stored.principalOf();
    }

    @Override
    public synchronized IssuedKey issue(String principal, String tenant, Set<String> roles, TrustLevel trustLevel) {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new IllegalArgumentException("principal: expected 1-128 letters, digits, '.', '_', '@' or '-', got '"
                    + principal + "'");
        }
        if (tenant != null && !tenant.isBlank() && !PRINCIPAL.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant: expected 1-128 letters, digits, '.', '_', '@' or '-', got '"
                    + tenant + "'");
        }
        Set<String> checkedRoles = roles == null ? Set.of() : Set.copyOf(roles);
        for (String role : checkedRoles) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("roles: '" + role + "' is not a role name (letters, digits, '.', "
                        + "'_', ':' or '-')");
            }
        }
        TrustLevel level = trustLevel == null ? TrustLevel.VERIFIED : trustLevel;
        if (level == TrustLevel.INTERNAL || level == TrustLevel.PUBLIC) {
            throw new IllegalArgumentException("trustLevel: keys are issued as verified or trusted, not " + level
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        String id = HexFormat.of().formatHex(random(6));
        String key = "agx_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        StoredKey stored = new StoredKey(id, principal, tenant == null || tenant.isBlank() ? null : tenant,
                checkedRoles, level, Instant.now().toString(), null, HexFormat.of().formatHex(PasswordHash.fingerprint(key)));
        Map<String, StoredKey> next = new LinkedHashMap<>(keys);
        next.put(id, stored);
        write(next);
        return new IssuedKey(stored.info(), key);
    }

    @Override
    public List<KeyInfo> list() {
        return keys.values().stream().map(StoredKey::info).toList();
    }

    @Override
    public synchronized KeyInfo revoke(String id) {
        StoredKey stored = keys.get(id);
        if (stored == null) {
            return null;
        }
        if (stored.revoked() != null) {
            return stored.info();
        }
        StoredKey revoked = new StoredKey(stored.id(), stored.principal(), stored.tenant(), stored.roles(),
                stored.trustLevel(), stored.created(), Instant.now().toString(), stored.sha256());
        Map<String, StoredKey> next = new LinkedHashMap<>(keys);
        next.put(id, revoked);
        write(next);
        return revoked.info();
    }

    private Map<String, StoredKey> read() throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            List<StoredKey> stored = json.readValue(file.toFile(), new TypeReference<List<StoredKey>>() { });
            Map<String, StoredKey> byId = new LinkedHashMap<>();
            stored.forEach(key -> byId.put(key.id(), key));
            return byId;
        } catch (IOException e) {
            throw new IOException("the API key file " + file + " cannot be read (" + e.getMessage()
                    + "); restore it from a backup, or delete it to start without keys", e);
        }
    }

    private void write(Map<String, StoredKey> next) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temporary.toFile(), new ArrayList<>(next.values()));
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the data folder's own permissions apply
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the API keys in " + file + ": " + e.getMessage(), e);
        }
        keys = java.util.Collections.unmodifiableMap(next);
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static AccessDeniedException unauthenticated(String message) {
        return new AccessDeniedException(AccessDeniedException.Reason.UNAUTHENTICATED, message);
    }
}
