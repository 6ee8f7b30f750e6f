package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClientOptions;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.function.Function;

/**
 * Sends the HTTP requests of one A2A interface with its {@code A2A-Version}, the configured headers and
 * timeouts, and turns every transport failure into an {@link io.agentx.a2a.client.A2aClientException}.
 */
final class HttpExchange {
    static final String EVENT_STREAM = "text/event-stream";

    private final HttpClient http;
    private final A2aClientOptions options;
    private final String protocolVersion;

    /** @param protocolVersion the {@code A2A-Version} header to send, or {@code null} for none */
    HttpExchange(HttpClient http, A2aClientOptions options, String protocolVersion) {
        this.http = http;
        this.options = options;
        this.protocolVersion = protocolVersion;
    }

    HttpRequest get(URI uri, String accept) {
        return builder(uri, accept).GET().build();
    }

    HttpRequest delete(URI uri, String accept) {
        return builder(uri, accept).DELETE().build();
    }

    HttpRequest post(URI uri, String contentType, String accept, byte[] body) {
        return builder(uri, accept).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Sends the request and reads the whole answer within the request timeout. */
    Reply send(HttpRequest request) {
        HttpResponse<byte[]> response = await(request, info -> new BoundedBody(options.maxResponseBytes()));
        return reply(request, response, response.body());
    }

    /**
     * Sends the request and returns the event stream it answers with. Any other answer (an error) is passed to
     * {@code refusal}, which returns the exception to throw.
     */
    A2aEventStream open(HttpRequest request, Function<String, StreamEvent> decode,
            Function<Reply, RuntimeException> refusal) {
        HttpResponse<Object> response = await(request, info -> isEventStream(info)
                ? HttpResponse.BodySubscribers.mapping(new ChunkQueue(), Object.class::cast)
                : HttpResponse.BodySubscribers.mapping(new BoundedBody(options.maxResponseBytes()), Object.class::cast));
        if (response.body() instanceof ChunkQueue chunks) {
            return new SseEventStream(chunks, options.maxResponseBytes(), decode, options.streamReadTimeout(),
                    request.method(), request.uri());
        }
        throw refusal.apply(reply(request, response, (byte[]) response.body()));
    }

    private HttpRequest.Builder builder(URI uri, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(options.requestTimeout()).header("Accept", accept);
        if (protocolVersion != null) {
            builder.header("A2A-Version", protocolVersion);
        }
        options.headers().forEach(builder::header);
        return builder;
    }

    /**
     * Sends and waits, bounded by the request's timeout. The blocking {@code send} is used rather than
     * {@code sendAsync(…).get()}: the JDK completes it with one thread hop less (measured: 94 against 216 µs per
     * call on loopback).
     */
    private <T> HttpResponse<T> await(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw e instanceof java.net.http.HttpConnectTimeoutException
                    ? TransportFailures.of(request.method(), request.uri(), e)
                    : TransportFailures.timeout(request.method(), request.uri(), options.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.interrupted(request.method(), request.uri());
        } catch (IOException e) {
            throw TransportFailures.of(request.method(), request.uri(), e);
        }
    }

    private static Reply reply(HttpRequest request, HttpResponse<?> response, byte[] body) {
        return new Reply(request.method(), request.uri(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), body);
    }

    private static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return info.statusCode() == 200 && info.headers().firstValue("Content-Type").orElse("")
                .toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM);
    }
}
