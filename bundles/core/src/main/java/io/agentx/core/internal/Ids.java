package io.agentx.core.internal;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for task, context and message ids: unguessable like {@link UUID#randomUUID()},
 * without its single shared generator on the request path. Each thread draws from its own DRBG, 4 KiB at a time.
 */
final class Ids {
    private static final int BATCH = 4096;
    private static final ThreadLocal<Ids> LOCAL = ThreadLocal.withInitial(Ids::new);

    private final SecureRandom random = generator();
    private final ByteBuffer bytes = ByteBuffer.allocate(BATCH).position(BATCH);

    private Ids() {
    }

    static String next() {
        return LOCAL.get().uuid().toString();
    }

    private UUID uuid() {
        if (bytes.remaining() < 16) {
            random.nextBytes(bytes.array());
            bytes.clear();
        }
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
