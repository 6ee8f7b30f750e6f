package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.json.A2aProtoJson03;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP+JSON binding's exchanges: JSON bodies ({@code application/a2a+json}), the answer's JSON on success,
 * the {@link A2aException} of an AIP-193 error body otherwise, and streams of {@code StreamResponse} events; or,
 * for A2A 0.3 ({@link #v03}), {@code application/json} bodies and {@code {"code","message"}} errors.
 */
final class RestChannel {
    static final String A2A_JSON = "application/a2a+json";
    private static final String ACCEPT = A2A_JSON + ", application/json";

    private static final String JSON = "application/json";

    /** How an error body reads: the answer's status and JSON (or {@code null}) → the A2A error, if it is one. */
    @FunctionalInterface
    interface ErrorReader {
        Optional<A2aException> read(int status, JsonNode body);
    }

    private final HttpExchange exchange;
    private final ObjectMapper mapper;
    private final String contentType;
    private final String accept;
    private final ErrorReader errors;
    private final String errorShape;

    /** The A2A 1.0 binding: {@code application/a2a+json}, AIP-193 errors. */
    RestChannel(HttpExchange exchange, ObjectMapper mapper) {
        this(exchange, mapper, A2A_JSON, ACCEPT, (status, body) -> body != null && body.has("error")
                ? RemoteErrors.fromRest(status, body) : Optional.empty(), "an AIP-193 error");
    }

    private RestChannel(HttpExchange exchange, ObjectMapper mapper, String contentType, String accept, ErrorReader errors,
            String errorShape) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.contentType = contentType;
        this.accept = accept;
        this.errors = errors;
        this.errorShape = errorShape;
    }

    /** The A2A 0.3 binding: {@code application/json}, errors {@code {"code":-32001,"message":"…"}}. */
    static RestChannel v03(HttpExchange exchange, A2aProtoJson03 proto) {
        return new RestChannel(exchange, proto.json().mapper(), JSON, JSON,
                (status, body) -> Optional.ofNullable(proto.readError(body)), "a 0.3 error {code, message}");
    }

    <T> T get(URI uri, ResultDecoder<T> decoder) {
        return call(exchange.get(uri, accept), decoder);
    }

    <T> T post(URI uri, JsonNode body, ResultDecoder<T> decoder) {
        return call(exchange.post(uri, contentType, accept, bytes(body)), decoder);
    }

    /** Posts without waiting; the answer is decoded on the thread that received it. */
    <T> CompletableFuture<T> postAsync(URI uri, JsonNode body, ResultDecoder<T> decoder) {
        return exchange.sendAsync(exchange.post(uri, contentType, accept, bytes(body)))
                .thenApply(reply -> decode(reply, decoder));
    }

    /** Deletes; the answer's body ({@code {}} or none) is not needed. */
    void delete(URI uri) {
        Reply reply = exchange.send(exchange.delete(uri, accept));
        if (!reply.isSuccess()) {
            throw refusal(reply);
        }
    }

    A2aEventStream streamGet(URI uri, ResultDecoder<StreamEvent> decoder) {
        return stream(exchange.get(uri, HttpExchange.EVENT_STREAM + ", " + accept), decoder);
    }

    A2aEventStream streamPost(URI uri, JsonNode body, ResultDecoder<StreamEvent> decoder) {
        return stream(exchange.post(uri, contentType, HttpExchange.EVENT_STREAM + ", " + accept, bytes(body)), decoder);
    }

    private <T> T call(Outgoing request, ResultDecoder<T> decoder) {
        return decode(exchange.send(request), decoder);
    }

    private <T> T decode(Reply reply, ResultDecoder<T> decoder) {
        JsonNode answer = reply.json(mapper);
        if (!reply.isSuccess()) {
            throw refusal(reply);
        }
        if (answer == null) {
            throw TransportFailures.invalid(reply, "expected JSON, got " + reply.excerpt());
        }
        try {
            return decoder.decode(answer, "body");
        } catch (A2aException e) {
            throw TransportFailures.invalid(reply, e.getMessage());
        }
    }

    private A2aEventStream stream(Outgoing request, ResultDecoder<StreamEvent> decoder) {
        return exchange.open(request, data -> {
            JsonNode event;
            try {
                event = mapper.readTree(data);
            } catch (JsonProcessingException e) {
                throw TransportFailures.invalid(request.method(), request.uri(), 200, "an event is not JSON: " + data);
            }
            Optional<A2aException> error = errors.read(200, event);
            if (error.isPresent()) {
                throw error.get();
            }
            if (event != null && event.has("error")) {
                throw TransportFailures.invalid(request.method(), request.uri(), 200, "an error event is not "
                        + errorShape + ": " + data);
            }
            try {
                return decoder.decode(event, "event");
            } catch (A2aException e) {
                throw TransportFailures.invalid(request.method(), request.uri(), 200, e.getMessage());
            }
        }, this::refusal);
    }

    private RuntimeException refusal(Reply reply) {
        RuntimeException error = errors.read(reply.status(), reply.json(mapper)).orElse(null);
        if (error != null) {
            return error;
        }
        return reply.isSuccess() ? TransportFailures.invalid(reply, "expected an event stream ("
                + HttpExchange.EVENT_STREAM + "), got " + reply.excerpt()) : TransportFailures.httpStatus(reply);
    }

    private byte[] bytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }
}
