package io.agentx.core.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for task, context and message ids, from a per-thread generator: unguessable like
 * {@link UUID#randomUUID()}, without its single shared, contended generator on the request path.
 */
final class Ids {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::generator);

    private Ids() {
    }

    /** A DRBG per thread: seeded from the OS once, then independent (the default NativePRNG shares one lock). */
    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    static String next() {
        SecureRandom random = RANDOM.get();
        long high = random.nextLong();
        long low = random.nextLong();
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
