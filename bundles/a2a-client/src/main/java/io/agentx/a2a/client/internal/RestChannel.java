package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The HTTP+JSON binding's exchanges: JSON bodies ({@code application/a2a+json}), the answer's JSON on success,
 * the {@link A2aException} of an AIP-193 error body otherwise, and streams of {@code StreamResponse} events.
 */
final class RestChannel {
    static final String A2A_JSON = "application/a2a+json";
    private static final String ACCEPT = A2A_JSON + ", application/json";

    private final HttpExchange exchange;
    private final ObjectMapper mapper;

    RestChannel(HttpExchange exchange, ObjectMapper mapper) {
        this.exchange = exchange;
        this.mapper = mapper;
    }

    <T> T get(URI uri, ResultDecoder<T> decoder) {
        return call(exchange.get(uri, ACCEPT), decoder);
    }

    <T> T post(URI uri, JsonNode body, ResultDecoder<T> decoder) {
        return call(exchange.post(uri, A2A_JSON, ACCEPT, bytes(body)), decoder);
    }

    /** Deletes; the answer's body ({@code {}} or none) is not needed. */
    void delete(URI uri) {
        Reply reply = exchange.send(exchange.delete(uri, ACCEPT));
        if (!reply.isSuccess()) {
            throw refusal(reply);
        }
    }

    A2aEventStream streamGet(URI uri, ResultDecoder<StreamEvent> decoder) {
        return stream(exchange.get(uri, HttpExchange.EVENT_STREAM + ", " + ACCEPT), decoder);
    }

    A2aEventStream streamPost(URI uri, JsonNode body, ResultDecoder<StreamEvent> decoder) {
        return stream(exchange.post(uri, A2A_JSON, HttpExchange.EVENT_STREAM + ", " + ACCEPT, bytes(body)), decoder);
    }

    private <T> T call(HttpRequest request, ResultDecoder<T> decoder) {
        Reply reply = exchange.send(request);
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

    private A2aEventStream stream(HttpRequest request, ResultDecoder<StreamEvent> decoder) {
        return exchange.open(request, data -> {
            JsonNode event;
            try {
                event = mapper.readTree(data);
            } catch (JsonProcessingException e) {
                throw TransportFailures.invalid(request.method(), request.uri(), 200, "an event is not JSON: " + data);
            }
            if (event != null && event.has("error")) {
                throw RemoteErrors.fromRest(200, event).orElseThrow(() -> TransportFailures.invalid(request.method(),
                        request.uri(), 200, "an error event is not an AIP-193 error: " + data));
            }
            try {
                return decoder.decode(event, "event");
            } catch (A2aException e) {
                throw TransportFailures.invalid(request.method(), request.uri(), 200, e.getMessage());
            }
        }, this::refusal);
    }

    private RuntimeException refusal(Reply reply) {
        RuntimeException error = RemoteErrors.fromRest(reply.status(), reply.json(mapper)).orElse(null);
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
