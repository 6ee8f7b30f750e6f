package io.agentx.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.json.A2aJson03;
import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.AgentProvider;
import io.agentx.a2a.model.AgentSkill;
import java.util.ArrayList;
import java.util.List;

/**
 * The cards AgentX serves: each agent's own card with the interfaces AgentX serves it at (JSON-RPC and
 * HTTP+JSON, absolute URLs), and the gateway card listing every agent's skills. Both carry the 0.3 top-level
 * fields as well, so 0.3 and 1.0 clients read the same card.
 */
final class CardFactory {
    private final A2aJson json;
    private final A2aJson03 json03;

    CardFactory(A2aJson json) {
        this.json = json;
        this.json03 = new A2aJson03(json);
    }

    static String jsonRpcUrl(String base, String agentId) {
        return base + "/agents/" + agentId;
    }

    static String restUrl(String base, String agentId) {
        return base + "/agents/" + agentId + "/rest";
    }

    /** An agent's card as served; {@code others}: the interfaces of other transports (gRPC…), listed after HTTP's. */
    ObjectNode agentCard(AgentCard card, String base, String agentId, boolean push, List<AgentInterface> others) {
        // 1.0 first (clients take the first they support); the same URLs also serve 0.3 (HTTP+JSON below rest/v1/)
        AgentCard served = card.withInterfaces(withOthers(List.of(
                new AgentInterface(jsonRpcUrl(base, agentId), AgentInterface.JSONRPC, "1.0", null),
                new AgentInterface(restUrl(base, agentId), AgentInterface.HTTP_JSON, "1.0", null),
                new AgentInterface(jsonRpcUrl(base, agentId), AgentInterface.JSONRPC, "0.3", null),
                new AgentInterface(restUrl(base, agentId), AgentInterface.HTTP_JSON, "0.3", null)), others))
                // false: AgentX serves no extended card (GetExtendedAgentCard is UnsupportedOperation), whatever
                // the agent's own card says, so clients are not told to ask for one
                .withCapabilities(new AgentCapabilities(card.capabilities().streaming(), push,
                        card.capabilities().extensions(), false));
        return json03.addLegacyCardFields(json.card(served), served);
    }

    ObjectNode gatewayCard(List<AgentCard> cards, List<String> agentIds, String base, String version, boolean push,
            List<AgentInterface> others, java.util.Map<String, Object> securitySchemes,
            List<java.util.Map<String, Object>> securityRequirements) {
        List<AgentSkill> skills = new ArrayList<>();
        boolean streaming = false;
        for (int i = 0; i < cards.size(); i++) {
            AgentCard card = cards.get(i);
            streaming |= card.capabilities().streaming();
            for (AgentSkill skill : card.skills()) {
                List<String> tags = new ArrayList<>(skill.tags());
                tags.add("agent:" + agentIds.get(i));
                skills.add(new AgentSkill(agentIds.get(i) + "/" + skill.id(), skill.name(),
                        skill.description() + " (agent " + agentIds.get(i) + ": " + jsonRpcUrl(base, agentIds.get(i)) + ")",
                        tags, skill.examples(), skill.inputModes(), skill.outputModes(), skill.securityRequirements()));
            }
        }
        AgentCard gateway = new AgentCard("AgentX", "AgentX gateway: the agents hosted here and their skills. A message "
                + "sent here goes to the agent its metadata 'skill' names (a skill id of this card) or that the gateway's "
                + "routing rules choose. Each agent also serves its own card at "
                + "/agents/{agentId}/.well-known/agent-card.json.",
                withOthers(List.of(new AgentInterface(base + "/", AgentInterface.JSONRPC, "1.0", null),
                        new AgentInterface(base + "/rest", AgentInterface.HTTP_JSON, "1.0", null),
                        new AgentInterface(base + "/", AgentInterface.JSONRPC, "0.3", null),
                        new AgentInterface(base + "/rest", AgentInterface.HTTP_JSON, "0.3", null)), others),
                new AgentProvider("AgentX", base), version, null,
                new AgentCapabilities(streaming, push, List.of(), false), securitySchemes, securityRequirements,
                List.of("text/plain"), List.of("text/plain"), skills, null, null);
        return json03.addLegacyCardFields(json.card(gateway), gateway);
    }

    private static List<AgentInterface> withOthers(List<AgentInterface> http, List<AgentInterface> others) {
        if (others.isEmpty()) {
            return http;
        }
        List<AgentInterface> all = new ArrayList<>(http);
        all.addAll(others);
        return all;
    }
}
