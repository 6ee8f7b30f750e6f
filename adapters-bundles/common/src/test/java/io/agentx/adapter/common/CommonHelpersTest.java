package io.agentx.adapter.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared helpers on their own; the adapters' golden fixtures cover them in each dialect. */
class CommonHelpersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCallIsAnsweredOnlyWhenTheAssistantMadeItAndItsResultIsThere() {
        Part call = ToolParts.call(Map.of("id", "c1", "name", "add", "args", Map.of()));
        Part orphan = ToolParts.call(Map.of("id", "c2", "name", "add", "args", Map.of()));
        Part result = ToolParts.result(Map.of("id", "c1", "result", 3));
        List<Message> conversation = List.of(message(Role.AGENT, call, orphan), message(Role.USER, result));

        AnsweredToolCalls byRole = AnsweredToolCalls.in(conversation, message -> message.role() == Role.AGENT);
        assertTrue(byRole.answered(call));
        assertTrue(byRole.answered(result));
        assertFalse(byRole.answered(orphan));
        assertFalse(AnsweredToolCalls.in(conversation, message -> false).answered(call));
    }

    @Test
    void toolPartsNameWhatTheFrameworkHasNoFieldFor() {
        Part call = new Part.Data(Map.of("id", "c1", "name", "add", "args", Map.of(), "extra", 1),
                FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null, Map.of("note", "x"));
        assertTrue(ToolParts.isCall(call));
        assertEquals(List.of("metadata of part 2", "part 2: tool call fields [extra]"), ToolParts.unCarried(call, 2));
    }

    @Test
    void dataUrlsRoundTrip() {
        byte[] bytes = "hi".getBytes(StandardCharsets.UTF_8);
        String url = DataUrls.encode(bytes, "text/plain");
        assertTrue(DataUrls.isDataUrl(url));
        Part.Raw raw = DataUrls.decode(url, "a.txt", "$");
        assertArrayEquals(bytes, raw.raw());
        assertEquals("text/plain", raw.mediaType());
        assertEquals("image/jpeg", DataUrls.imageType("https://x/y.JPG?size=2"));
        assertNull(DataUrls.imageType("https://x/y"));
    }

    @Test
    void carrierErrorsUseTheDialectsWordForAnElement() {
        ObjectNode holder = JSON.createObjectNode();
        holder.putObject(Carrier.KEY).put("messageId", "m1").putArray("parts").addObject().put("index", 0)
                .put("data", true);
        Carrier carrier = Carrier.of(holder, "$[0]", "item");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> carrier.restore(JSON, 0, new Part.Url("https://x", null, null, null)));
        assertEquals("$[0].agentx.parts: item 0 is data but not text", e.getMessage());
        assertNull(Carrier.of(JSON.createObjectNode(), "$[1]", "item"));
    }

    private static Message message(Role role, Part... parts) {
        return new Message(role + "-message", null, null, role, List.of(parts), null, null, null);
    }
}
