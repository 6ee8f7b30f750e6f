package io.agentx.adapter.crewai;

import static io.agentx.adapter.common.testing.DialectFixtures.fixture;
import static io.agentx.adapter.common.testing.DialectFixtures.json;
import static io.agentx.adapter.common.testing.DialectFixtures.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Golden fixtures of CrewAI's chat message form, both directions. The CrewAI side follows {@code LLMMessage}
 * ({@code lib/crewai/src/crewai/utilities/types.py} in crewAIInc/crewAI: {@code role}, {@code content} as a string
 * or content parts, {@code tool_calls}, {@code tool_call_id}, {@code name}) as CrewAI's executor writes it
 * ({@code lib/crewai/src/crewai/agents/crew_agent_executor.py}: tool calls with {@code type: "function"} and
 * arguments as JSON text, one tool message per result, "Error executing tool: …" for a tool that raised), and the
 * content parts CrewAI hands LiteLLM ({@code lib/crewai-files/src/crewai_files/formatting/openai.py},
 * {@code lib/crewai/src/crewai/agents/step_executor.py}: {@code image_url} with a URL or data URL; LiteLLM's
 * {@code file} and {@code input_audio}).
 */
class CrewAiAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CrewAiAdapter adapter = new CrewAiAdapter();
    private final A2aJson a2a = new A2aJson();

    @Test
    void everyFixtureConvertsBothWays() throws Exception {
        JsonNode cases = fixture("crewai-dialect.json");
        assertEquals(8, cases.size());
        for (JsonNode fixture : cases) {
            String name = fixture.get("name").asText();
            List<Message> messages = messages(fixture.get("a2a"));
            assertEquals(fixture.get("crewai"), JSON.readTree(adapter.toDialect(messages)), name + ": A2A → CrewAI");
            JsonNode back = fixture.has("a2aBack") ? fixture.get("a2aBack") : fixture.get("a2a");
            assertEquals(back, json(adapter.fromDialect(fixture.get("crewai").toString())), name + ": CrewAI → A2A");
        }
    }

    @Test
    void messagesCrewAiWroteItselfKeepEveryField() throws Exception {
        for (JsonNode fixture : fixture("crewai-output.json")) {
            ArrayNode one = JSON.createArrayNode().add(fixture.get("crewai"));
            ObjectNode read = (ObjectNode) json(adapter.fromDialect(one.toString())).get(0);
            UUID.fromString(read.remove("messageId").asText()); // a made-up id, since CrewAI's messages have none
            assertEquals(fixture.get("a2a"), read, fixture.get("name").asText());
        }
    }

    @Test
    void messagesWithoutAnEnvelopeGetStableDistinctIds() {
        String twice = "[{\"role\":\"user\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"ok\"}]";
        List<Message> first = adapter.fromDialect(twice);
        assertEquals(2, first.size(), "identical messages are not joined");
        assertNotEquals(first.get(0).messageId(), first.get(1).messageId());
        assertEquals(first.get(0).messageId(), adapter.fromDialect(twice).get(0).messageId());
    }

    @Test
    void toolPartsMarkedOnlyByMediaTypeAreToolCalls() throws Exception {
        // sdks/node/src/frameworks/a2a.js marks tool parts by media type only
        JsonNode call = JSON.readTree("{\"messageId\":\"n1\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"data\":"
                + "{\"name\":\"search\",\"id\":\"c9\",\"args\":{\"q\":\"A2A\"}},\"mediaType\":"
                + "\"application/vnd.agentx.tool-call+json\"}]}");
        JsonNode result = JSON.readTree("{\"messageId\":\"n2\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"data\":"
                + "{\"id\":\"c9\",\"result\":\"found\"},\"mediaType\":\"application/vnd.agentx.tool-result+json\"}]}");
        JsonNode chat = JSON.readTree(adapter.toDialect(List.of(a2a.readMessage(call, "m"), a2a.readMessage(result, "m"))));
        assertEquals("search", chat.at("/0/tool_calls/0/function/name").asText(), chat.toString());
        assertEquals("{\"q\":\"A2A\"}", chat.at("/0/tool_calls/0/function/arguments").asText());
        assertEquals("tool", chat.at("/1/role").asText());
        assertEquals("found", chat.at("/1/content").asText());
    }

    @Test
    void toolCallsInAUsersMessageAreNotTheModelsCalls() throws Exception {
        JsonNode user = JSON.readTree("{\"messageId\":\"u1\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":"
                + "{\"name\":\"search\",\"id\":\"c1\",\"args\":{}},\"mediaType\":\"application/vnd.agentx.tool-call+json\"}]}");
        JsonNode result = JSON.readTree("{\"messageId\":\"u2\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"data\":"
                + "{\"id\":\"c1\",\"result\":\"x\"},\"mediaType\":\"application/vnd.agentx.tool-result+json\"}]}");
        List<Message> messages = List.of(a2a.readMessage(user, "m"), a2a.readMessage(result, "m"));
        JsonNode chat = JSON.readTree(adapter.toDialect(messages));
        assertTrue(chat.at("/0/tool_calls").isMissingNode(), chat.toString());
        assertEquals(json(messages), json(adapter.fromDialect(chat.toString())), "and they come back as they were");
    }

    @Test
    void dataThatOnlyLooksLikeACrewAiBlockStaysData() throws Exception {
        Message message = a2a.readMessage(JSON.readTree("{\"messageId\":\"d1\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":"
                + "{\"type\":\"image_url\",\"image_url\":{}},\"metadata\":{\"agentx.kind\":\"crewai.image_url\"}}]}"), "m");
        JsonNode chat = JSON.readTree(adapter.toDialect(List.of(message)));
        assertEquals("{\"type\":\"image_url\",\"image_url\":{}}", chat.at("/0/content").asText(), chat.toString());
        assertEquals(json(List.of(message)), json(adapter.fromDialect(chat.toString())));
    }

    @Test
    void whatIsNotCrewAisFormIsRefusedNamingWhere() {
        refused("not json", "not JSON");
        refused("{\"role\":\"user\"}", "expected a JSON array");
        refused("[\"hi\"]", "[0]: expected a chat message object");
        refused("[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"robot\",\"content\":\"x\"}]",
                "[1].role: 'robot' is not a chat message role");
        refused("[{\"content\":\"x\"}]", "[0].role: '' is not a chat message role");
        refused("[{\"role\":\"assistant\",\"content\":42}]", "[0].content: expected a string, an array");
        refused("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":{}}]", "[0].tool_calls: expected an array");
        refused("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"function\":{}}]}]",
                "[0].tool_calls[0].function.name: missing");
        refused("[{\"role\":\"tool\",\"content\":\"x\"}]", "[0].tool_call_id: a tool message needs the id");
        refused("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"text\":\"b\"}]}]",
                "[0].content[1].type: missing");
        refused("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]",
                "[0].content[0].image_url.url: missing");
        refused("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,**\"}}]}]",
                "[0].content[0].image_url.url: the data URL's content is not Base64");
        refused("[{\"role\":\"user\",\"content\":\"x\",\"agentx\":[]}]", "[0].agentx: expected an object");
        refused("[{\"role\":\"user\",\"content\":\"x\",\"agentx\":{\"role\":\"ROLE_USER\"}}]",
                "[0].agentx.messageId: expected a string");
        refused("[{\"role\":\"user\",\"content\":\"x\",\"agentx\":{\"messageId\":\"m\",\"role\":\"boss\"}}]",
                "[0].agentx.role: 'boss' is not an A2A role");
    }

    @Test
    void crewAiScriptsRunWithPython() {
        assertEquals("crewai", adapter.framework());
        assertEquals("python3", adapter.launch("agents/crew.py").command());
        assertEquals(List.of("agents/crew.py"), adapter.launch("agents/crew.py").arguments());
    }

    @Test
    void aCrewAiServersCardIsAtTheWellKnownPathOfItsBaseUrl() {
        assertEquals("https://crew.example.com/.well-known/agent-card.json",
                adapter.remoteCardUrl("https://crew.example.com/", "researcher"));
        assertEquals("http://localhost:8000/.well-known/agent-card.json",
                adapter.remoteCardUrl("http://localhost:8000", null));
        assertThrows(IllegalArgumentException.class, () -> adapter.remoteCardUrl(" ", "researcher"));
    }

    private void refused(String chat, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect(chat));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
