package io.agentx.a2a.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.json.A2aJson03;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import java.net.URI;

/** Fetches an agent card and reads it, whether it is a 1.0 card or a 0.3-only one. */
final class CardLoader {
    private final HttpExchange exchange;
    private final A2aJson03 json03;
    private final ObjectMapper mapper;

    CardLoader(HttpExchange exchange, A2aJson03 json03, ObjectMapper mapper) {
        this.exchange = exchange;
        this.json03 = json03;
        this.mapper = mapper;
    }

    AgentCard load(URI cardUrl) {
        Reply reply = exchange.send(exchange.get(cardUrl, "application/json"));
        if (reply.status() != 200) {
            throw TransportFailures.httpStatus(reply);
        }
        JsonNode card = reply.json(mapper);
        if (card == null) {
            throw TransportFailures.invalid(reply, "expected an agent card (JSON), got " + reply.excerpt());
        }
        try {
            return json03.readCard(card, "card");
        } catch (A2aException e) {
            throw TransportFailures.invalid(reply, "not an agent card: " + e.getMessage());
        }
    }
}
