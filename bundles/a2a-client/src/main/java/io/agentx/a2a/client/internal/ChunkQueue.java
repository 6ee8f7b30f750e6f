package io.agentx.a2a.client.internal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a streamed response body to one reader chunk by chunk as it arrives. Each chunk comes with the way to ask
 * the connection for the next one, which happens only when the reader took it: a slow reader slows the sender
 * instead of filling memory.
 */
final class ChunkQueue {
    private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    private Runnable abort = () -> { };
    private boolean cancelled;

    /** Bytes of the body, its end ({@link #isEnd()}), or the failure that ended it. */
    record Chunk(byte[] bytes, Throwable failure, Runnable next) {
        static Chunk end() {
            return new Chunk(null, null, null);
        }

        boolean isEnd() {
            return bytes == null && failure == null;
        }
    }

    /** Arrived bytes; {@code next} asks for more once they are taken. */
    void offer(byte[] bytes, Runnable next) {
        chunks.add(new Chunk(bytes, null, next));
    }

    void fail(Throwable failure) {
        chunks.add(new Chunk(null, failure, null));
    }

    void end() {
        chunks.add(Chunk.end());
    }

    /** How to drop the connection when the reader cancels; run at once if it already did. */
    void onCancel(Runnable dropConnection) {
        boolean already;
        synchronized (this) {
            already = cancelled;
            abort = dropConnection;
        }
        if (already) {
            dropConnection.run();
        }
    }

    /** The next chunk, waiting at most {@code timeout}; {@code null} if none arrived in time. */
    Chunk poll(Duration timeout) throws InterruptedException {
        Chunk chunk = chunks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (chunk != null && chunk.next() != null) {
            chunk.next().run();
        }
        return chunk;
    }

    /** Stops receiving: the connection is dropped and a waiting {@link #poll} sees the end. Idempotent. */
    void cancel() {
        Runnable dropConnection;
        synchronized (this) {
            cancelled = true;
            dropConnection = abort;
        }
        dropConnection.run();
        chunks.add(Chunk.end());
    }
}
