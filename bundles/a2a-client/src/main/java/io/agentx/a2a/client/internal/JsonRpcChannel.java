package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.client.A2aEventStream;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over HTTP POST to one URL: numbers the requests, returns the {@code result} of an answer, throws
 * the {@link A2aException} of an {@code error}, and streams answers sent as Server-Sent Events.
 */
final class JsonRpcChannel {
    private static final String JSON = "application/json";

    private final HttpExchange exchange;
    private final URI url;
    private final ObjectMapper mapper;
    private final AtomicLong ids = new AtomicLong();

    JsonRpcChannel(HttpExchange exchange, URI url, ObjectMapper mapper) {
        this.exchange = exchange;
        this.url = url;
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Calls {@code method} and decodes its result. */
    <T> T call(String method, ObjectNode params, ResultDecoder<T> decoder) {
        return decode(method, exchange.send(exchange.post(url, JSON, JSON, envelope(method, params))), decoder);
    }

    /** Calls {@code method} without waiting; the result is decoded on the thread that received the answer. */
    <T> CompletableFuture<T> callAsync(String method, ObjectNode params, ResultDecoder<T> decoder) {
        return exchange.sendAsync(exchange.post(url, JSON, JSON, envelope(method, params)))
                .thenApply(reply -> decode(method, reply, decoder));
    }

    private <T> T decode(String method, Reply reply, ResultDecoder<T> decoder) {
        JsonNode answer = reply.json(mapper);
        if (answer == null || !answer.isObject() || !(answer.has("result") || answer.has("error"))) {
            throw reply.isSuccess() ? TransportFailures.invalid(reply, "expected a JSON-RPC response, got "
                    + reply.excerpt()) : TransportFailures.httpStatus(reply);
        }
        JsonNode result = result(answer);
        try {
            return decoder.decode(result, "result");
        } catch (A2aException e) {
            throw TransportFailures.invalid(reply, method + " result: " + e.getMessage());
        }
    }

    /** Calls a streaming {@code method}; each event is a JSON-RPC response whose result the decoder reads. */
    A2aEventStream stream(String method, ObjectNode params, ResultDecoder<StreamEvent> decoder) {
        Outgoing request = exchange.post(url, JSON, HttpExchange.EVENT_STREAM + ", " + JSON, envelope(method, params));
        return exchange.open(request, data -> {
            JsonNode answer = parse(data, request);
            JsonNode result = result(answer);
            try {
                return decoder.decode(result, "result");
            } catch (A2aException e) {
                throw TransportFailures.invalid("POST", url, 200, method + " event: " + e.getMessage());
            }
        }, reply -> {
            JsonNode answer = reply.json(mapper);
            if (answer != null && answer.path("error").isObject()) {
                return RemoteErrors.fromJsonRpc(answer.get("error"));
            }
            return reply.isSuccess() ? TransportFailures.invalid(reply, "expected an event stream ("
                    + HttpExchange.EVENT_STREAM + "), got " + reply.excerpt()) : TransportFailures.httpStatus(reply);
        });
    }

    private static JsonNode result(JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error != null && error.isObject()) {
            throw RemoteErrors.fromJsonRpc(error);
        }
        JsonNode result = answer.get("result");
        return result == null ? NullNode.getInstance() : result;
    }

    private JsonNode parse(String data, Outgoing request) {
        try {
            JsonNode answer = mapper.readTree(data);
            if (answer == null || !answer.isObject()) {
                throw TransportFailures.invalid(request.method(), url, 200, "an event is not a JSON object: " + excerpt(data));
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw TransportFailures.invalid(request.method(), url, 200, "an event is not JSON: " + excerpt(data));
        }
    }

    private byte[] envelope(String method, ObjectNode params) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("jsonrpc", "2.0");
        envelope.put("id", ids.incrementAndGet());
        envelope.put("method", method);
        envelope.set("params", params);
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON-RPC request " + method, e);
        }
    }

    private static String excerpt(String data) {
        return "'" + (data.length() > 200 ? data.substring(0, 200) + "…" : data) + "'";
    }
}
