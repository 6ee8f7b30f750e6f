package io.agentx.adapter.semantickernel;

import static io.agentx.adapter.common.testing.DialectFixtures.fixture;
import static io.agentx.adapter.common.testing.DialectFixtures.json;
import static io.agentx.adapter.common.testing.DialectFixtures.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Golden fixtures of Semantic Kernel's serialized {@code ChatMessageContent}, both directions. The Semantic Kernel
 * side follows microsoft/semantic-kernel {@code python/semantic_kernel/contents/}: {@code chat_message_content.py}
 * ({@code content_type: "message"}, {@code role}, {@code name}, {@code items}, {@code metadata}),
 * {@code utils/author_role.py}, {@code text_content.py}, {@code image_content.py} / {@code binary_content.py}
 * ({@code uri}, {@code data_uri}), {@code function_call_content.py} ({@code id}, {@code name} =
 * {@code plugin_name-function_name}, {@code arguments}), {@code function_result_content.py} ({@code id},
 * {@code result}) and {@code chat_history.py} ({@code serialize()}: {@code model_dump_json(exclude_none=True)}, as
 * {@code python/tests/unit/contents/test_chat_history.py::test_serialize} shows it); a failed function worded as
 * {@code python/semantic_kernel/kernel.py} words it.
 */
class SemanticKernelAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = "application/vnd.agentx.tool-call+json";
    private static final String RESULT = "application/vnd.agentx.tool-result+json";
    private final SemanticKernelAdapter adapter = new SemanticKernelAdapter();
    private final A2aJson a2a = new A2aJson();

    @Test
    void everyFixtureConvertsBothWays() throws Exception {
        JsonNode cases = fixture("semantic-kernel-dialect.json");
        assertEquals(8, cases.size());
        for (JsonNode fixture : cases) {
            String name = fixture.get("name").asText();
            List<Message> messages = messages(fixture.get("a2a"));
            assertEquals(fixture.get("semanticKernel"), JSON.readTree(adapter.toDialect(messages)),
                    name + ": A2A → Semantic Kernel");
            JsonNode back = fixture.has("a2aBack") ? fixture.get("a2aBack") : fixture.get("a2a");
            assertEquals(back, json(adapter.fromDialect(fixture.get("semanticKernel").toString())),
                    name + ": Semantic Kernel → A2A");
        }
    }

    @Test
    void messagesSemanticKernelWroteItselfKeepEveryField() throws Exception {
        for (JsonNode fixture : fixture("semantic-kernel-output.json")) {
            ArrayNode one = JSON.createArrayNode().add(fixture.get("semanticKernel"));
            ObjectNode read = (ObjectNode) json(adapter.fromDialect(one.toString())).get(0);
            UUID.fromString(read.remove("messageId").asText()); // a made-up id: Semantic Kernel's messages have none
            assertEquals(fixture.get("a2a"), read, fixture.get("name").asText());
        }
    }

    @Test
    void messagesWithoutAnEnvelopeGetStableDistinctIds() {
        String twice = "[{\"role\":\"user\",\"items\":[{\"content_type\":\"text\",\"text\":\"ok\"}]},"
                + "{\"role\":\"user\",\"items\":[{\"content_type\":\"text\",\"text\":\"ok\"}]}]";
        List<Message> first = adapter.fromDialect(twice);
        assertEquals(2, first.size(), "identical messages are not joined");
        assertNotEquals(first.get(0).messageId(), first.get(1).messageId());
        assertEquals(first.get(0).messageId(), adapter.fromDialect(twice).get(0).messageId());
    }

    @Test
    void aFailedStructuredResultComesBackStructured() throws Exception {
        List<Message> messages = List.of(
                message("c", "ROLE_AGENT", "{\"id\":\"k1\",\"name\":\"Geo-locate\",\"args\":{}}", CALL),
                message("r", "ROLE_AGENT", "{\"id\":\"k1\",\"name\":\"Geo-locate\",\"result\":{\"code\":503},"
                        + "\"isError\":true}", RESULT));
        JsonNode serialized = JSON.readTree(adapter.toDialect(messages));
        assertEquals("An error occurred while invoking the function Geo-locate: {\"code\":503}",
                serialized.at("/1/items/0/result").asText(), serialized.toString());
        assertEquals(json(messages), json(adapter.fromDialect(serialized.toString())));
    }

    @Test
    void toolCallsInAUsersMessageAreNotTheModelsCalls() throws Exception {
        List<Message> messages = List.of(message("u1", "ROLE_USER", "{\"id\":\"c1\",\"name\":\"search\",\"args\":{}}", CALL),
                message("u2", "ROLE_AGENT", "{\"id\":\"c1\",\"result\":\"x\"}", RESULT));
        JsonNode serialized = JSON.readTree(adapter.toDialect(messages));
        assertEquals("text", serialized.at("/0/items/0/content_type").asText(), serialized.toString());
        assertEquals("text", serialized.at("/1/items/0/content_type").asText(), "no result without its call");
        assertEquals(json(messages), json(adapter.fromDialect(serialized.toString())), "and they come back as they were");
    }

    @Test
    void dataThatOnlyLooksLikeASemanticKernelItemStaysData() throws Exception {
        Message message = a2a.readMessage(JSON.readTree("{\"messageId\":\"d1\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":"
                + "{\"content_type\":\"function_call\"},\"metadata\":{\"agentx.kind\":\"semantic-kernel.function_call\"}}]}"), "m");
        JsonNode serialized = JSON.readTree(adapter.toDialect(List.of(message)));
        assertEquals("{\"content_type\":\"function_call\"}", serialized.at("/0/items/0/text").asText(), serialized.toString());
        assertEquals(json(List.of(message)), json(adapter.fromDialect(serialized.toString())));
    }

    @Test
    void whatIsNotSemanticKernelsFormIsRefusedNamingWhere() {
        refused("not json", "not JSON");
        refused("{\"role\":\"user\"}", "expected a JSON array");
        refused("[\"hi\"]", "[0]: expected a ChatMessageContent object");
        refused("[{\"role\":\"user\",\"items\":[]},{\"role\":\"robot\",\"items\":[]}]",
                "[1].role: 'robot' is not a Semantic Kernel author role");
        refused("[{\"content_type\":\"text\",\"role\":\"user\",\"items\":[]}]", "[0].content_type: expected 'message'");
        refused("[{\"role\":\"user\",\"items\":[],\"metadata\":[]}]", "[0].metadata: expected an object");
        refused("[{\"role\":\"user\",\"items\":{}}]", "[0].items: expected an array");
        refused("[{\"role\":\"user\",\"items\":[{\"content_type\":\"text\",\"text\":\"a\"},{\"text\":\"b\"}]}]",
                "[0].items[1].content_type: missing");
        refused("[{\"role\":\"user\",\"items\":[{\"content_type\":\"text\",\"text\":7}]}]", "[0].items[0].text: expected a string");
        refused("[{\"role\":\"user\",\"items\":[{\"content_type\":\"image\",\"data_uri\":\"\"}]}]",
                "[0].items[0]: an image item needs a uri or a data_uri");
        refused("[{\"role\":\"user\",\"items\":[{\"content_type\":\"image\",\"data_uri\":\"data:image/png;base64,**\"}]}]",
                "[0].items[0].data_uri: the data URL's content is not Base64");
        refused("[{\"role\":\"assistant\",\"items\":[{\"content_type\":\"function_call\",\"id\":\"c\"}]}]",
                "[0].items[0].function_name: missing");
        refused("[{\"role\":\"user\",\"items\":[],\"metadata\":{\"agentx\":\"m1\"}}]", "[0].metadata.agentx: expected an object");
        refused("[{\"role\":\"user\",\"items\":[],\"metadata\":{\"agentx\":{\"messageId\":\"m\",\"role\":\"boss\"}}}]",
                "[0].metadata.agentx.role: 'boss' is not an A2A role");
    }

    @Test
    void semanticKernelScriptsRunWithPythonAndServeNoA2aOfTheirOwn() {
        assertEquals("semantic-kernel", adapter.framework());
        assertEquals("python3", adapter.launch("agents/sk.py").command());
        assertEquals(List.of("agents/sk.py"), adapter.launch("agents/sk.py").arguments());
        assertNull(adapter.remoteCardUrl("https://sk.example.com", "writer"));
    }

    private Message message(String id, String role, String data, String mediaType) throws Exception {
        return a2a.readMessage(JSON.readTree("{\"messageId\":\"" + id + "\",\"role\":\"" + role + "\",\"parts\":[{\"data\":"
                + data + ",\"mediaType\":\"" + mediaType + "\"}]}"), "m");
    }

    private void refused(String serialized, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adapter.fromDialect(serialized));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
