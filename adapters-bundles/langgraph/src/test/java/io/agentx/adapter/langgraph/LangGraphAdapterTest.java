package io.agentx.adapter.langgraph;

import static io.agentx.adapter.common.testing.DialectFixtures.fixture;
import static io.agentx.adapter.common.testing.DialectFixtures.json;
import static io.agentx.adapter.common.testing.DialectFixtures.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden fixtures of LangGraph's message form, both directions. The LangGraph side follows the flat message the
 * agent server puts on the wire, as the LangGraph SDK types it ({@code langchain-ai/langgraphjs},
 * {@code libs/sdk/src/types.messages.ts}: {@code {type, content, id, name, additional_kwargs, response_metadata}}
 * plus {@code tool_calls}/{@code invalid_tool_calls}/{@code usage_metadata} for {@code ai} and
 * {@code tool_call_id}/{@code status}/{@code artifact} for {@code tool}): a LangChain message's {@code model_dump()}
 * ({@code langchain-ai/langchain}, {@code libs/core/langchain_core/messages/base.py}), i.e. the {@code data} of
 * LangChain's stored form ({@code messages/utils.py}, {@code message_to_dict}) with {@code type} beside it.
 */
class LangGraphAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LangGraphAdapter adapter = new LangGraphAdapter();
    private final A2aJson a2a = new A2aJson();

    @Test
    void everyFixtureConvertsBothWays() throws Exception {
        JsonNode cases = fixture("langgraph-dialect.json");
        assertEquals(7, cases.size());
        for (JsonNode fixture : cases) {
            String name = fixture.get("name").asText();
            List<Message> messages = messages(fixture.get("a2a"));
            assertEquals(fixture.get("langgraph"), JSON.readTree(adapter.toDialect(messages)), name + ": A2A → LangGraph");
            JsonNode back = fixture.has("a2aBack") ? fixture.get("a2aBack") : fixture.get("a2a");
            assertEquals(back, json(adapter.fromDialect(fixture.get("langgraph").toString())), name + ": LangGraph → A2A");
        }
    }

    @Test
    void messagesTheAgentServerReturnsKeepWhatIsNotLangChainsDefault() throws Exception {
        for (JsonNode fixture : fixture("langgraph-server-output.json")) {
            ArrayNode one = JSON.createArrayNode().add(fixture.get("langgraph"));
            assertEquals(JSON.createArrayNode().add(fixture.get("a2a")), json(adapter.fromDialect(one.toString())),
                    fixture.get("name").asText());
        }
    }

    @Test
    void whatIsNotLangGraphsFormIsRefusedNamingWhere() {
        assertRefused("[{\"type\":\"human\",\"content\":\"x\"},{\"type\":\"robot\",\"content\":\"y\"}]",
                "[1].type: 'robot' is not a LangChain message type");
        assertRefused("[{\"type\":\"human\",\"content\":\"x\"},\"hello\"]", "[1]: expected an object");
        assertRefused("[{\"type\":\"ai\",\"content\":{\"text\":\"x\"}}]", "[0].content: expected a string or an array");
        assertRefused("[{\"type\":\"human\",\"data\":{\"content\":\"x\"}}]",
                "[0]: expected a flat message ({type, content, …}), not LangChain's stored form");
        assertRefused("{\"messages\":[]}", "expected a JSON array of LangChain messages in their flat form");
        assertRefused("not json", "not JSON");
    }

    @Test
    void langGraphJsAgentsRunWithNode() {
        assertEquals("langgraph", adapter.framework());
        assertEquals("node", adapter.launch("agents/graph.mjs").command());
        assertEquals(List.of("agents/graph.mjs"), adapter.launch("agents/graph.mjs").arguments());
    }

    @Test
    void anAgentServerAssistantsCardIsTheWellKnownCardForItsId() {
        assertEquals("http://localhost:2024/.well-known/agent-card.json?assistant_id=fe096781-5601-53d2-b2f6-0d3403f7e9ca",
                adapter.remoteCardUrl("http://localhost:2024", "fe096781-5601-53d2-b2f6-0d3403f7e9ca"));
        assertEquals("https://agents.example.com/lg/.well-known/agent-card.json?assistant_id=weather+bot%2Fv2",
                adapter.remoteCardUrl("https://agents.example.com/lg/", "weather bot/v2"));
        assertRefusedCard("http://localhost:2024", " ", "agentName: the assistant id is missing");
        assertRefusedCard("", "agent", "baseUrl: the LangGraph agent server's URL is missing");
    }

    private void assertRefused(String input, String start) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect(input));
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }

    private void assertRefusedCard(String baseUrl, String agentName, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> adapter.remoteCardUrl(baseUrl, agentName));
        assertEquals(message, refused.getMessage());
    }
}
