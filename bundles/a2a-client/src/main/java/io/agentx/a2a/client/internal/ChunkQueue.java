package io.agentx.a2a.client.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a response body to one reader chunk by chunk as it arrives, asking the connection for the next chunk
 * only when the reader took the last one. The body is available at once, so the response can be returned
 * while the body still streams.
 */
final class ChunkQueue implements HttpResponse.BodySubscriber<ChunkQueue> {
    private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<ChunkQueue> body = CompletableFuture.completedFuture(this);
    private Flow.Subscription subscription;
    private boolean cancelled;

    /** Bytes of the body, its end ({@link #isEnd()}), or the failure that ended it. */
    record Chunk(byte[] bytes, Throwable failure) {
        static Chunk end() {
            return new Chunk(null, null);
        }

        boolean isEnd() {
            return bytes == null && failure == null;
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        boolean accepted;
        synchronized (this) {
            accepted = !cancelled;
            if (accepted) {
                subscription = newSubscription;
            }
        }
        if (accepted) {
            newSubscription.request(1);
        } else {
            newSubscription.cancel();
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        byte[] bytes = new byte[size];
        int offset = 0;
        for (ByteBuffer buffer : buffers) {
            int length = buffer.remaining();
            buffer.get(bytes, offset, length);
            offset += length;
        }
        chunks.add(new Chunk(bytes, null));
    }

    @Override
    public void onError(Throwable error) {
        chunks.add(new Chunk(null, error));
    }

    @Override
    public void onComplete() {
        chunks.add(Chunk.end());
    }

    @Override
    public CompletionStage<ChunkQueue> getBody() {
        return body;
    }

    /** The next chunk, waiting at most {@code timeout}; {@code null} if none arrived in time. */
    Chunk poll(Duration timeout) throws InterruptedException {
        Chunk chunk = chunks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (chunk != null && chunk.bytes() != null) {
            Flow.Subscription current;
            synchronized (this) {
                current = subscription;
            }
            if (current != null) {
                current.request(1);
            }
        }
        return chunk;
    }

    /** Stops receiving: the connection is dropped and a waiting {@link #poll} sees the end. Idempotent. */
    void cancel() {
        Flow.Subscription current;
        synchronized (this) {
            cancelled = true;
            current = subscription;
            subscription = null;
        }
        if (current != null) {
            current.cancel();
        }
        chunks.add(Chunk.end());
    }
}
