package io.agentx.adapter.mastra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mastra's dialect both ways. The model message side follows the AI SDK's {@code ModelMessage} types
 * ({@code @ai-sdk/provider-utils} {@code dist/index.d.ts}: SystemModelMessage, UserModelMessage with TextPart,
 * ImagePart {image, mediaType}, FilePart {data, mediaType, filename}; AssistantModelMessage with ToolCallPart
 * {toolCallId, toolName, input} and ReasoningPart; ToolModelMessage with ToolResultPart {toolCallId, toolName,
 * output: {type: text|json|error-text|error-json, value}}), which Mastra's agents take in {@code agent.stream()}
 * ({@code @mastra/core} 0.24.9, {@code dist/agent/message-list}), and matches what the Node SDK's
 * {@code toMastraMessages} sends (sdks/node/src/frameworks/mastra.js).
 */
class MastraAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private final MastraAdapter adapter = new MastraAdapter();

    @Test
    void aUserMessageWithAnImageBecomesTextAndImagePartsAndComesBackWhole() throws Exception {
        Message question = new Message("m1", "c1", null, Role.USER, List.of(Part.Text.of("Is it sunny?"),
                new Part.Raw(PNG, "image/png", "sky.png", null)), Map.of("channel", "web"), null, null);
        JsonNode converted = JSON.readTree(adapter.toDialect(List.of(question)));
        assertEquals(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"Is it sunny?"},
                  {"type":"image","image":"iVBORw==","mediaType":"image/png"}],
                  "providerOptions":{"agentx":{"messageId":"m1","contextId":"c1","metadata":{"channel":"web"},
                    "imageFilenames":{"1":"sky.png"}}}}]"""), converted);
        assertEquals(JSON.valueToTree(List.of(question)), JSON.valueToTree(adapter.fromDialect(converted.toString())));
    }

    @Test
    void toolCallsGoInTheAssistantMessageAndResultsInAToolMessageThatJoinsItAgainOnTheWayBack() throws Exception {
        Part call = new Part.Data(Map.of("id", "call-1", "name", "weather", "args", Map.of("city", "Lyon")),
                FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null, Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL));
        Part failed = new Part.Data(Map.of("id", "call-1", "name", "weather", "result", "timeout", "isError", true),
                FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null, Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT));
        Message turn = new Message("m2", "c1", "t1", Role.AGENT, List.of(call, failed), Map.of(), null, null);
        JsonNode converted = JSON.readTree(adapter.toDialect(List.of(turn)));
        assertEquals(JSON.readTree("""
                [{"role":"assistant","content":[{"type":"tool-call","toolCallId":"call-1","toolName":"weather",
                   "input":{"city":"Lyon"}}],"providerOptions":{"agentx":{"messageId":"m2","contextId":"c1","taskId":"t1"}}},
                 {"role":"tool","content":[{"type":"tool-result","toolCallId":"call-1","toolName":"weather",
                   "output":{"type":"error-text","value":"timeout"}}],
                   "providerOptions":{"agentx":{"messageId":"m2","contextId":"c1","taskId":"t1","toolMessage":true}}}]"""),
                converted);
        Message back = adapter.fromDialect(converted.toString()).get(0);
        assertEquals(List.of(call, failed).size(), back.parts().size());
        assertEquals(JSON.valueToTree(List.of(turn)), JSON.valueToTree(adapter.fromDialect(converted.toString())));
    }

    @Test
    void aSystemPromptIsASystemMessageOfTextAndDataTravelsAsJsonTextCarriedBack() throws Exception {
        Message system = new Message("s1", null, null, Role.USER, List.of(Part.Text.of("Be brief.")),
                Map.of(FrameworkAdapter.ROLE, "system"), null, null);
        Message data = new Message("m3", null, null, Role.USER, List.of(new Part.Data(Map.of("city", "Lyon"),
                "application/json", null, null)), Map.of(), null, null);
        JsonNode converted = JSON.readTree(adapter.toDialect(List.of(system, data)));
        assertEquals("system", converted.at("/0/role").asText());
        assertEquals("Be brief.", converted.at("/0/content").asText());
        assertEquals("{\"city\":\"Lyon\"}", converted.at("/1/content/0/text").asText(), "the model reads the data");
        assertEquals(List.of(system, data), adapter.fromDialect(converted.toString()));
    }

    @Test
    void whatMastraWroteItselfComesInWithReasoningCarriedAsData() {
        List<Message> messages = adapter.fromDialect("""
                [{"role":"assistant","content":[{"type":"reasoning","text":"The user wants weather."},
                  {"type":"text","text":"Sunny."},{"type":"file","data":"https://example.com/map.pdf",
                  "mediaType":"application/pdf","filename":"map.pdf"}]}]""");
        Message answer = messages.get(0);
        assertEquals(Role.AGENT, answer.role());
        assertEquals(Map.of(FrameworkAdapter.KIND, "mastra.reasoning"), answer.parts().get(0).metadata());
        assertEquals(Part.Text.of("Sunny."), answer.parts().get(1));
        assertEquals(new Part.Url("https://example.com/map.pdf", "application/pdf", "map.pdf", null), answer.parts().get(2));
    }

    @Test
    void badInputIsRefusedNamingTheElementAndField() {
        assertEquals("[0].role: 'robot' is not an AI SDK role (system, user, assistant, tool)",
                assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect("[{\"role\":\"robot\"}]")).getMessage());
        assertEquals("[0].content[0].image: neither a URL nor Base64 text", assertThrows(IllegalArgumentException.class,
                () -> adapter.fromDialect("[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"image\":\"no way!\"}]}]"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect("{}"));
    }

    @Test
    void aMastraServersAgentCardUrlAndHowScriptsRun() {
        assertEquals("http://localhost:4111/api/.well-known/weather-agent/agent-card.json",
                adapter.remoteCardUrl("http://localhost:4111/api/", "weather-agent"));
        assertEquals("node", adapter.launch("agent.mjs").command());
    }
}
