package io.agentx.security.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A password hash prepared once, when it is first needed or after a delay, whichever comes first. PBKDF2 costs about
 * half a second of CPU and a compilation by the JIT: during start-up, on two cores, that time is better spent starting.
 */
final class PreparedHash {
    private final CompletableFuture<PasswordHash> hash = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Supplier<PasswordHash> preparation;

    private PreparedHash(Supplier<PasswordHash> preparation) {
        this.preparation = preparation;
    }

    /** A hash already known (read from storage). */
    static PreparedHash of(PasswordHash known) {
        PreparedHash prepared = new PreparedHash(() -> known);
        prepared.prepare();
        return prepared;
    }

    /** Runs {@code preparation} on first {@link #get()}, or in the background once {@code delay} has passed. */
    static PreparedHash deferred(Supplier<PasswordHash> preparation, Duration delay) {
        PreparedHash prepared = new PreparedHash(preparation);
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(prepared::prepare);
        return prepared;
    }

    /** The hash, prepared now on this thread unless it is done or under way. */
    PasswordHash get() {
        prepare();
        return hash.join();
    }

    private void prepare() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            hash.complete(preparation.get());
        } catch (RuntimeException | Error e) {
            hash.completeExceptionally(e);
        }
    }
}
