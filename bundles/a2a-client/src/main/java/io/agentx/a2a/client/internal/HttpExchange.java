package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;

/**
 * Sends the HTTP requests of one A2A interface with its {@code A2A-Version}, the configured headers and
 * timeouts, and turns every transport failure into an {@link io.agentx.a2a.client.A2aClientException}.
 */
final class HttpExchange {
    static final String EVENT_STREAM = "text/event-stream";

    private final JettyTransport transport;
    private final A2aClientOptions options;
    private final String protocolVersion;

    /** @param protocolVersion the {@code A2A-Version} header to send, or {@code null} for none */
    HttpExchange(JettyTransport transport, A2aClientOptions options, String protocolVersion) {
        this.transport = transport;
        this.options = options;
        this.protocolVersion = protocolVersion;
    }

    Outgoing get(URI uri, String accept) {
        return new Outgoing("GET", uri, accept, null, null);
    }

    Outgoing delete(URI uri, String accept) {
        return new Outgoing("DELETE", uri, accept, null, null);
    }

    Outgoing post(URI uri, String contentType, String accept, byte[] body) {
        return new Outgoing("POST", uri, accept, contentType, body);
    }

    /** Sends the request and reads the whole answer within the request timeout. */
    Reply send(Outgoing outgoing) {
        Duration timeout = options.requestTimeout();
        BufferedResponse answer = new BufferedResponse(options.maxResponseBytes());
        Request request = sendBuffered(outgoing, answer);
        return reply(outgoing, await(outgoing, request, answer.done(), timeout));
    }

    /**
     * Sends the request without waiting: the answer completes on one of the client's threads once it has been
     * read whole, or fails with an {@link io.agentx.a2a.client.A2aClientException} (the request timeout included).
     */
    CompletableFuture<Reply> sendAsync(Outgoing outgoing) {
        BufferedResponse answer = new BufferedResponse(options.maxResponseBytes());
        sendBuffered(outgoing, answer);
        Duration timeout = options.requestTimeout();
        return answer.done().handle((buffered, failure) -> {
            if (failure == null) {
                return reply(outgoing, buffered);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw cause instanceof TimeoutException ? TransportFailures.timeout(outgoing.method(), outgoing.uri(), timeout)
                    : TransportFailures.of(outgoing.method(), outgoing.uri(), cause);
        });
    }

    /** Starts the exchange with the request timeout as its deadline; {@code answer} receives the whole response. */
    private Request sendBuffered(Outgoing outgoing, BufferedResponse answer) {
        Duration timeout = options.requestTimeout();
        Request request = prepare(outgoing).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.send(answer); // it also receives the content, as a content listener
        return request;
    }

    private static Reply reply(Outgoing outgoing, BufferedResponse.Buffered buffered) {
        return new Reply(outgoing.method(), outgoing.uri(), buffered.status(), buffered.contentType(), buffered.body());
    }

    /**
     * Sends the request and returns the event stream it answers with. Any other answer (an error) is passed to
     * {@code refusal}, which returns the exception to throw.
     */
    A2aEventStream open(Outgoing outgoing, Function<String, StreamEvent> decode,
            Function<Reply, RuntimeException> refusal) {
        ChunkQueue chunks = new ChunkQueue();
        BufferedResponse refused = new BufferedResponse(options.maxResponseBytes());
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Request request = prepare(outgoing)
                .idleTimeout(Math.max(options.streamReadTimeout().toMillis(), options.requestTimeout().toMillis()) + 1000,
                        TimeUnit.MILLISECONDS)
                .onResponseHeaders(response -> started.complete(isEventStream(response)))
                .onResponseContentAsync((response, chunk, demander) -> {
                    if (Boolean.TRUE.equals(started.getNow(false))) {
                        byte[] copy = new byte[chunk.remaining()];
                        chunk.getByteBuffer().get(copy);
                        chunks.offer(copy, demander);
                    } else {
                        refused.onContent(response, chunk, demander);
                    }
                });
        request.send(result -> {
            if (!started.isDone()) {
                started.completeExceptionally(result.isFailed() ? TransportFailures.failure(result)
                        : new IllegalStateException("the answer ended before its headers"));
            }
            if (Boolean.TRUE.equals(started.getNow(false))) {
                if (result.isFailed()) {
                    chunks.fail(TransportFailures.failure(result));
                } else {
                    chunks.end();
                }
            } else {
                refused.onComplete(result);
            }
        });
        chunks.onCancel(() -> request.abort(new CancellationException("the reader closed the stream")));
        if (await(outgoing, request, started, options.requestTimeout())) {
            return new SseEventStream(chunks, options.maxResponseBytes(), decode, options.streamReadTimeout(),
                    outgoing.method(), outgoing.uri());
        }
        BufferedResponse.Buffered answer = await(outgoing, request, refused.done(), options.requestTimeout());
        throw refusal.apply(new Reply(outgoing.method(), outgoing.uri(), answer.status(), answer.contentType(),
                answer.body()));
    }

    private Request prepare(Outgoing outgoing) {
        HttpClient http = transport.http();
        Request request = http.newRequest(outgoing.uri()).method(outgoing.method()).headers(headers -> {
            headers.put("Accept", outgoing.accept());
            if (protocolVersion != null) {
                headers.put("A2A-Version", protocolVersion);
            }
            options.headers().forEach(headers::put);
        });
        if (outgoing.body() != null) {
            request.body(new BytesRequestContent(outgoing.contentType(), outgoing.body()));
        }
        return request;
    }

    private static <T> T await(Outgoing outgoing, Request request, CompletableFuture<T> pending, Duration timeout) {
        try {
            return pending.get(timeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw TransportFailures.timeout(outgoing.method(), outgoing.uri(), timeout);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw TransportFailures.interrupted(outgoing.method(), outgoing.uri());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw TransportFailures.timeout(outgoing.method(), outgoing.uri(), timeout);
            }
            throw TransportFailures.of(outgoing.method(), outgoing.uri(), e.getCause());
        }
    }

    private static boolean isEventStream(Response response) {
        String contentType = response.getHeaders().get("Content-Type");
        return response.getStatus() == 200 && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM);
    }
}
