package io.agentx.grpc.internal.plugin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens plugins authenticate with: those in configuration (any plugin name) and those the supervisor issues
 * to each process it starts (bound to that plugin's name). Compared in constant time; never logged.
 */
public final class PluginTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private volatile List<byte[]> configured = List.of();

    /** Replaces the configured tokens. */
    public void configure(String[] tokens) {
        configured = tokens == null ? List.of() : java.util.Arrays.stream(tokens).filter(t -> t != null && !t.isBlank())
                .map(t -> t.strip().getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A fresh token for the supervised plugin {@code name}, replacing any earlier one. */
    public String issue(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(name, token);
        return token;
    }

    public void revoke(String name) {
        issued.remove(name);
    }

    /** Whether {@code name} is that of a plugin the supervisor runs: a configured token may not take it. */
    public boolean supervises(String name) {
        return issued.containsKey(name);
    }

    /**
     * Who a token belongs to: the plugin name it was issued for, the empty string for a configured token (the
     * plugin names itself), nothing for an unknown token.
     */
    public Optional<String> owner(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> entry : issued.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(entry.getKey());
            }
        }
        for (byte[] candidate : configured) {
            if (MessageDigest.isEqual(presented, candidate)) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}
