package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceSelectorTest {
    private static final URI CARD = URI.create("https://agents.example/a/.well-known/agent-card.json");
    private static final AgentInterface GRPC = new AgentInterface("https://agents.example/grpc", "GRPC", "1.0", null);
    private static final AgentInterface REST_03 = new AgentInterface("https://agents.example/v03rest", "HTTP+JSON", "0.3", null);
    private static final AgentInterface RPC_03 = new AgentInterface("https://agents.example/v03", "JSONRPC", "0.3", null);
    private static final AgentInterface RPC_10 = new AgentInterface("https://agents.example/rpc", "JSONRPC", "1.0", null);
    private static final AgentInterface REST_10 = new AgentInterface("https://agents.example/rest", "HTTP+JSON", "1.0", "acme");

    @Test
    void version10IsPreferredOverCardOrder() {
        assertEquals(RPC_10, select(List.of(GRPC, RPC_03, RPC_10, REST_10), null, null));
    }

    @Test
    void theCardOrderDecidesAmongEquals() {
        assertEquals(REST_10, select(List.of(REST_10, RPC_10), null, null));
    }

    @Test
    void thePreferredBindingWinsWithinAVersion() {
        assertEquals(REST_10, select(List.of(RPC_10, REST_10, RPC_03), null, AgentInterface.HTTP_JSON));
        assertEquals(RPC_10, select(List.of(RPC_03, RPC_10), null, AgentInterface.HTTP_JSON));
    }

    @Test
    void thePreferredVersionWinsOverTheDefault() {
        assertEquals(RPC_03, select(List.of(RPC_10, REST_10, RPC_03), "0.3", null));
    }

    @Test
    void version03IsTakenWhenNothingNewerIsOffered() {
        assertEquals(RPC_03, select(List.of(GRPC, RPC_03, REST_03), null, null));
        assertEquals(REST_03, select(List.of(GRPC, REST_03, RPC_03), null, null));
    }

    @Test
    void version03HttpJsonIsTakenWhenPreferred() {
        assertEquals(REST_03, select(List.of(RPC_10, REST_10, RPC_03, REST_03), "0.3", AgentInterface.HTTP_JSON));
        assertEquals(RPC_03, select(List.of(RPC_10, REST_10, RPC_03, REST_03), "0.3", null));
        assertEquals(REST_10, select(List.of(RPC_10, REST_10, RPC_03, REST_03), null, AgentInterface.HTTP_JSON));
    }

    @Test
    void patchVersionsAndRelativeUrlsAreNormalized() {
        AgentInterface chosen = select(List.of(new AgentInterface("../rpc", "JSONRPC", "1.0.1", null)), null, null);
        assertEquals(new AgentInterface("https://agents.example/a/rpc", "JSONRPC", "1.0", null), chosen);
    }

    @Test
    void aCardWithNothingUsableIsAnIncompatibleAgent() {
        AgentInterface grpc03 = new AgentInterface("https://agents.example/grpc03", "GRPC", "0.3", null);
        A2aClientException error = assertThrows(A2aClientException.class, () -> select(List.of(GRPC, grpc03), null, null));
        assertEquals(A2aClientException.Failure.INCOMPATIBLE_AGENT, error.failure());
        assertFalse(error.mayHaveReachedAgent());
        assertEquals("the agent card at " + CARD + " offers no interface this client speaks (JSONRPC or HTTP+JSON at A2A 1.0"
                + " or 0.3); it offers GRPC 1.0 at https://agents.example/grpc, GRPC 0.3 at"
                + " https://agents.example/grpc03", error.getMessage());
    }

    private static AgentInterface select(List<AgentInterface> interfaces, String version, String binding) {
        AgentCard card = new AgentCard("a", "an agent", interfaces, null, "1", null, null, null, null, null, null, null,
                null, null);
        return InterfaceSelector.select(card, CARD, version, binding);
    }
}
