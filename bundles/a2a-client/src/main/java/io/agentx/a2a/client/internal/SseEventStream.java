package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The events of a Server-Sent Events body: each {@code data:} payload is decoded by the binding's decoder
 * (which throws the agent's A2A error when the payload is one). Fails when the body is silent for longer than
 * the read timeout; any failure or error closes the stream.
 */
final class SseEventStream implements A2aEventStream {
    private final ChunkQueue body;
    private final SseDecoder decoder;
    private final Function<String, StreamEvent> decode;
    private final Duration readTimeout;
    private final String method;
    private final URI uri;
    private final Deque<String> pending = new ArrayDeque<>();
    private volatile boolean closed;
    private boolean ended;

    /**
     * @param decode turns one event's data into a model event; throws {@link io.agentx.a2a.model.A2aException}
     *        for an error event and {@link A2aClientException} for data that is not an A2A event
     */
    SseEventStream(ChunkQueue body, int maxEventBytes, Function<String, StreamEvent> decode, Duration readTimeout,
            String method, URI uri) {
        this.body = body;
        this.decoder = new SseDecoder(maxEventBytes);
        this.decode = decode;
        this.readTimeout = readTimeout;
        this.method = method;
        this.uri = uri;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !ended) {
            if (closed) {
                ended = true;
                break;
            }
            receive();
        }
        return !pending.isEmpty();
    }

    @Override
    public StreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the event stream of " + method + " " + uri + " has ended");
        }
        try {
            return decode.apply(pending.poll());
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        body.cancel();
    }

    private void receive() {
        ChunkQueue.Chunk chunk;
        try {
            chunk = body.poll(readTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw TransportFailures.interrupted(method, uri);
        }
        if (chunk == null) {
            fail();
            throw TransportFailures.silent(method, uri, readTimeout);
        }
        if (closed || chunk.isEnd()) {
            ended = true;
        } else if (chunk.failure() != null) {
            fail();
            throw TransportFailures.of(method, uri, chunk.failure());
        } else {
            try {
                decoder.feed(chunk.bytes()).stream().filter(data -> !data.isBlank()).forEach(pending::add);
            } catch (IllegalStateException e) {
                fail();
                throw TransportFailures.invalid(method, uri, 200, e.getMessage());
            }
        }
    }

    private void fail() {
        ended = true;
        pending.clear();
        close();
    }
}
