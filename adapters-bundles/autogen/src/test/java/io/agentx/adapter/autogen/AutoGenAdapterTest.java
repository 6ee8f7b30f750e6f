package io.agentx.adapter.autogen;

import static io.agentx.adapter.common.testing.DialectFixtures.fixture;
import static io.agentx.adapter.common.testing.DialectFixtures.json;
import static io.agentx.adapter.common.testing.DialectFixtures.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden fixtures of AutoGen AgentChat's serialized messages, both directions. The AutoGen side follows
 * {@code python/packages/autogen-agentchat/src/autogen_agentchat/messages.py} of microsoft/autogen (0.7:
 * {@code BaseChatMessage} / {@code BaseAgentEvent} with {@code id, source, models_usage, metadata, created_at},
 * {@code TextMessage}, {@code MultiModalMessage}, {@code StructuredMessage}, {@code ToolCallRequestEvent},
 * {@code ToolCallExecutionEvent}, {@code ToolCallSummaryMessage}, {@code HandoffMessage}, {@code StopMessage}…;
 * {@code dump()} is {@code model_dump(mode="json")}), with {@code FunctionCall} of
 * {@code autogen-core/src/autogen_core/_types.py}, {@code FunctionExecutionResult} and {@code RequestUsage} of
 * {@code autogen_core/models/_types.py} and {@code Image} ({@code {"data": <base64>}}) of
 * {@code autogen_core/_image.py}.
 */
class AutoGenAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AutoGenAdapter adapter = new AutoGenAdapter();
    private final A2aJson a2a = new A2aJson();

    @Test
    void everyFixtureConvertsBothWays() throws Exception {
        JsonNode cases = fixture("autogen-dialect.json");
        assertEquals(9, cases.size());
        for (JsonNode fixture : cases) {
            String name = fixture.get("name").asText();
            List<Message> messages = messages(fixture.get("a2a"));
            assertEquals(fixture.get("autogen"), JSON.readTree(adapter.toDialect(messages)), name + ": A2A → AutoGen");
            JsonNode back = fixture.has("a2aBack") ? fixture.get("a2aBack") : fixture.get("a2a");
            assertEquals(back, json(adapter.fromDialect(fixture.get("autogen").toString())), name + ": AutoGen → A2A");
        }
    }

    @Test
    void messagesAutoGenWroteItselfKeepEveryField() throws Exception {
        for (JsonNode fixture : fixture("autogen-output.json")) {
            String name = fixture.get("name").asText();
            ArrayNode dumped = JSON.createArrayNode().add(fixture.get("autogen"));
            List<Message> messages = adapter.fromDialect(dumped.toString());
            assertEquals(JSON.createArrayNode().add(fixture.get("a2a")), json(messages), name + ": AutoGen → A2A");
            // back to AutoGen: every field with a value survives (AutoGen restores its defaults itself)
            assertEquals(normalised(dumped), normalised(JSON.readTree(adapter.toDialect(messages))), name + ": and back");
        }
    }

    @Test
    void agentChatBefore07GivesNoIdsAndGetsStableOnes() {
        String old = "[{\"source\":\"user\",\"models_usage\":null,\"metadata\":{},\"content\":\"hi\",\"type\":\"TextMessage\"}]";
        Message first = adapter.fromDialect(old).get(0);
        assertEquals(first.messageId(), adapter.fromDialect(old).get(0).messageId());
        assertEquals(36, first.messageId().length());
        assertEquals(Role.USER, first.role());
        assertEquals(Map.of(), first.metadata());
    }

    @Test
    void whatIsNotAutoGensFormIsRefusedNamingWhere() {
        assertRefused("not json", "not JSON");
        assertRefused("{\"type\":\"TextMessage\"}", "expected a JSON array of AutoGen messages");
        assertRefused("[\"hello\"]", "[0]: expected an object");
        assertRefused("[" + text("user", "hi") + ",{\"source\":\"user\",\"content\":\"x\"}]", "[1].type: expected the message type");
        assertRefused("[{\"type\":\"TextMessage\",\"content\":\"x\"}]", "[0].source: expected the name of the agent");
        assertRefused("[{\"type\":\"TextMessage\",\"source\":\"user\",\"content\":42}]", "[0].content: expected a string");
        assertRefused("[{\"type\":\"ToolCallRequestEvent\",\"source\":\"a\",\"content\":\"call it\"}]",
                "[0].content: expected a list of FunctionCall");
        assertRefused("[{\"type\":\"ToolCallRequestEvent\",\"source\":\"a\",\"content\":[{\"id\":\"c1\",\"arguments\":\"{}\"}]}]",
                "[0].content[0]: expected a FunctionCall {id, arguments, name}");
        assertRefused("[{\"type\":\"ToolCallExecutionEvent\",\"source\":\"a\",\"content\":[{\"call_id\":\"c1\"}]}]",
                "[0].content[0]: expected a FunctionExecutionResult");
        assertRefused("[{\"type\":\"ToolCallSummaryMessage\",\"source\":\"a\",\"content\":\"\",\"results\":{}}]",
                "[0].results: expected a list of FunctionExecutionResult");
        assertRefused("[{\"type\":\"MultiModalMessage\",\"source\":\"user\",\"content\":[\"look\",{\"url\":\"x\"}]}]",
                "[0].content[1]: expected a string or an image {\"data\": <base64>}");
        assertRefused("[{\"type\":\"MultiModalMessage\",\"source\":\"user\",\"content\":[{\"data\":\"%%%\"}]}]",
                "[0].content[0].data: not Base64");
        assertRefused("[{\"type\":\"StructuredMessage[Plan]\",\"source\":\"a\",\"content\":[1]}]",
                "[0].content: expected an object");
        assertRefused("[{\"type\":\"TextMessage\",\"source\":\"user\",\"content\":\"x\",\"metadata\":[]}]",
                "[0].metadata: expected an object of strings");
        assertRefused("[{\"type\":\"TextMessage\",\"source\":\"user\",\"content\":\"x\",\"metadata\":{\"agentx.a2a\":\"{oops\"}}]",
                "[0].metadata.agentx.a2a: not JSON");
        assertRefused("[{\"type\":\"TextMessage\",\"source\":\"user\",\"content\":\"x\",\"metadata\":{\"agentx.a2a\":"
                + "\"{\\\"parts\\\":[{\\\"index\\\":0,\\\"part\\\":{\\\"text\\\":\\\"a\\\",\\\"url\\\":\\\"b\\\"}}]}\"}}]",
                "[0].metadata.agentx.a2a.parts[0].part");
    }

    @Test
    void malformedToolArgumentsAModelWroteAreKeptVerbatim() throws Exception {
        String dumped = "[{\"id\":\"e1\",\"source\":\"assistant\",\"models_usage\":null,\"metadata\":{},\"content\":"
                + "[{\"id\":\"c1\",\"arguments\":\"{\\\"city\\\": \\\"Par\",\"name\":\"get_weather\"}],"
                + "\"type\":\"ToolCallRequestEvent\"}]";
        List<Message> messages = adapter.fromDialect(dumped);
        assertEquals("{\"city\": \"Par", JSON.valueToTree(messages.get(0).parts().get(0)).at("/data/args").asText());
        assertEquals(JSON.readTree(dumped), JSON.readTree(adapter.toDialect(messages)));
    }

    @Test
    void whatAutoGenCannotKeepAsItIsIsNamed() throws Exception {
        JsonNode message = JSON.readTree("{\"messageId\":\"x1\",\"role\":\"ROLE_USER\",\"metadata\":{\"autogen.metadata\":"
                + "{\"priority\":2}},\"parts\":[{\"raw\":\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDw"
                + "AEhQGAhKmMIQAAAABJRU5ErkJggg==\",\"mediaType\":\"image/jpeg\"}]}");
        JsonNode autogen = JSON.readTree(adapter.toDialect(List.of(a2a.readMessage(message, "m")))).get(0);
        assertEquals("MultiModalMessage", autogen.get("type").asText());
        assertEquals("2", autogen.at("/metadata/priority").asText(), "AutoGen's metadata holds strings");
        JsonNode lost = JSON.readTree(autogen.at("/metadata/agentx.a2a").asText()).get("lost");
        assertEquals(JSON.readTree("[\"media type image/jpeg of part 0 (AutoGen images have none; read back from the "
                + "bytes as image/png)\",\"autogen.metadata.priority is not a string: AutoGen keeps it as JSON text\"]"),
                lost);
        Message back = adapter.fromDialect(JSON.createArrayNode().add(autogen).toString()).get(0);
        assertEquals("image/png", back.parts().get(0).mediaType());
        assertEquals(JSON.convertValue(lost, List.class), back.metadata().get("agentx.dialect.lost"));
    }

    @Test
    void anEventWithoutContentRoundTripsWithoutCarryingA2asFillerPart() throws Exception {
        String empty = "[{\"id\":\"e1\",\"source\":\"assistant\",\"models_usage\":null,\"metadata\":{},\"content\":[],"
                + "\"type\":\"ToolCallRequestEvent\"}]";
        List<Message> messages = adapter.fromDialect(empty);
        assertEquals("", messages.get(0).text(), "A2A messages need a part: an empty text");
        assertEquals(JSON.readTree(empty), JSON.readTree(adapter.toDialect(messages)));
    }

    @Test
    void toolCallsAsTheSdksWriteThemAreRecognisedByTheirMediaType() throws Exception {
        JsonNode message = JSON.readTree("{\"messageId\":\"n1\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"data\":"
                + "{\"name\":\"search\",\"id\":\"c9\",\"args\":{\"q\":\"A2A\"}},\"mediaType\":"
                + "\"application/vnd.agentx.tool-call+json\"}]}");
        JsonNode event = JSON.readTree(adapter.toDialect(List.of(a2a.readMessage(message, "m")))).get(0);
        assertEquals("ToolCallRequestEvent", event.get("type").asText());
        assertEquals("{\"q\":\"A2A\"}", event.at("/content/0/arguments").asText());
        assertTrue(event.at("/metadata/agentx.a2a").isMissingNode(), "nothing carried: " + event);
    }

    @Test
    void autoGenAgentsRunWithPythonAndServeNoA2aThemselves() {
        assertEquals("autogen", adapter.framework());
        assertEquals("python3", adapter.launch("agents/team.py").command());
        assertEquals(List.of("agents/team.py"), adapter.launch("agents/team.py").arguments());
        assertEquals(Map.of(), adapter.launch("agents/team.py").environment());
        assertNull(adapter.remoteCardUrl("http://localhost:8000", "team"));
    }

    private void assertRefused(String autogen, String messageStart) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect(autogen));
        assertTrue(refused.getMessage().startsWith(messageStart), refused.getMessage());
    }

    private static String text(String source, String content) {
        return "{\"type\":\"TextMessage\",\"source\":\"" + source + "\",\"content\":\"" + content + "\"}";
    }

    /** Without fields that have no value (AutoGen's defaults), tool arguments compared as JSON, not as text. */
    private static JsonNode normalised(JsonNode node) throws Exception {
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            for (JsonNode item : node) {
                copy.add(normalised(item));
            }
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull() || value.isContainerNode() && value.isEmpty()) {
                continue;
            }
            copy.set(field.getKey(), field.getKey().equals("arguments") ? JSON.readTree(value.asText()) : normalised(value));
        }
        return copy;
    }
}
