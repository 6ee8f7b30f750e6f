package io.agentx.adapter.langchain;

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
 * Golden fixtures of LangChain's stored message form, both directions. The LangChain side follows
 * {@code StoredMessage} as {@code mapChatMessagesToStoredMessages} writes it ({@code langchain-core/src/messages/
 * utils.ts}: {@code {type, data: {content, tool_calls, tool_call_id, additional_kwargs, response_metadata, id}}})
 * and the standard data content blocks of {@code langchain-core/src/messages/content/data.ts} ({@code image},
 * {@code audio}, {@code file} with {@code source_type}, {@code mime_type}, {@code metadata}).
 */
class LangChainAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LangChainAdapter adapter = new LangChainAdapter();
    private final A2aJson a2a = new A2aJson();

    @Test
    void everyFixtureConvertsBothWays() throws Exception {
        JsonNode cases = fixture("langchain-dialect.json");
        assertEquals(6, cases.size());
        for (JsonNode fixture : cases) {
            String name = fixture.get("name").asText();
            List<Message> messages = messages(fixture.get("a2a"));
            assertEquals(fixture.get("langchain"), JSON.readTree(adapter.toDialect(messages)), name + ": A2A → LangChain");
            JsonNode back = fixture.has("a2aBack") ? fixture.get("a2aBack") : fixture.get("a2a");
            assertEquals(back, json(adapter.fromDialect(fixture.get("langchain").toString())), name + ": LangChain → A2A");
        }
    }

    @Test
    void messagesLangChainWroteItselfKeepEveryField() throws Exception {
        for (JsonNode fixture : fixture("langchain-js-output.json")) {
            ArrayNode one = JSON.createArrayNode().add(fixture.get("langchain"));
            assertEquals(JSON.createArrayNode().add(fixture.get("a2a")), json(adapter.fromDialect(one.toString())),
                    fixture.get("name").asText());
        }
    }

    @Test
    void pythonsModelDumpRepeatsTheTypeInDataWhichIsNotCarriedAsMetadata() throws Exception {
        // messages_to_dict writes {"type", "data": message.model_dump()}, and model_dump() includes "type"
        List<Message> messages = adapter.fromDialect(
                "[{\"type\":\"human\",\"data\":{\"type\":\"human\",\"content\":\"hi\",\"id\":\"p1\"}}]");
        assertEquals(JSON.readTree("[{\"messageId\":\"p1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hi\"}]}]"),
                json(messages));
    }

    @Test
    void whatIsNotLangChainsFormIsRefusedNamingWhere() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> adapter.fromDialect("[{\"type\":\"human\",\"data\":{\"content\":\"x\"}},{\"type\":\"robot\",\"data\":{}}]"));
        assertTrue(type.getMessage().startsWith("[1].type: 'robot' is not a LangChain message type"), type.getMessage());
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> adapter.fromDialect("[{\"type\":\"human\",\"content\":\"x\"}]"));
        assertTrue(data.getMessage().startsWith("[0].data: expected an object"), data.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect("{\"type\":\"human\"}"));
        assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect("not json"));
        IllegalArgumentException content = assertThrows(IllegalArgumentException.class,
                () -> adapter.fromDialect("[{\"type\":\"ai\",\"data\":{\"content\":42}}]"));
        assertTrue(content.getMessage().startsWith("[0].data.content: expected a string or an array"), content.getMessage());
    }

    @Test
    void toolCallsAsTheNodeSdkWritesThemAreRecognisedByTheirMediaType() throws Exception {
        // sdks/node/src/frameworks/a2a.js marks tool parts by media type only
        JsonNode message = JSON.readTree("{\"messageId\":\"n1\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"data\":"
                + "{\"name\":\"search\",\"id\":\"c9\",\"args\":{\"q\":\"A2A\"}},\"mediaType\":"
                + "\"application/vnd.agentx.tool-call+json\"}]}");
        JsonNode stored = JSON.readTree(adapter.toDialect(List.of(a2a.readMessage(message, "m")))).get(0);
        assertEquals("search", stored.at("/data/tool_calls/0/name").asText(), stored.toString());
        assertEquals("A2A", stored.at("/data/tool_calls/0/args/q").asText());
        assertTrue(stored.at("/data/additional_kwargs/a2a_data").isMissingNode(), "not carried as plain data");
    }

    @Test
    void langChainJsAgentsRunWithNode() {
        assertEquals("langchain", adapter.framework());
        assertEquals("node", adapter.launch("agents/weather.mjs").command());
        assertEquals(List.of("agents/weather.mjs"), adapter.launch("agents/weather.mjs").arguments());
    }
}
