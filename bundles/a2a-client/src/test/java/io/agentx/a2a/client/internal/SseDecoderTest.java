package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseDecoderTest {
    private final SseDecoder decoder = new SseDecoder(1024);

    @Test
    void eachBlankLineEndsAnEvent() {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), feed("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n"));
    }

    @Test
    void dataLinesOfOneEventAreJoinedWithNewlines() {
        assertEquals(List.of("first\nsecond"), feed("data: first\ndata: second\n\n"));
    }

    @Test
    void commentsAndOtherFieldsAreSkipped() {
        assertEquals(List.of("x"), feed(": keep-alive\n\nevent: update\nid: 7\nretry: 100\ndata: x\n\n"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsRemoved() {
        assertEquals(List.of("x", "  y", "z"), feed("data:x\n\ndata:   y\n\ndata: z\n\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r", "\n"})
    void linesEndWithCrLfCrOrLf(String end) {
        assertEquals(List.of("a", "b"), feed("data: a" + end + end + "data: b" + end + end));
    }

    @Test
    void eventsSplitAcrossChunksAreReassembled() {
        byte[] bytes = "data: {\"text\":\"Grüße\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            SseDecoder fresh = new SseDecoder(1024);
            List<String> events = new ArrayList<>(fresh.feed(java.util.Arrays.copyOfRange(bytes, 0, split)));
            events.addAll(fresh.feed(java.util.Arrays.copyOfRange(bytes, split, bytes.length)));
            assertEquals(List.of("{\"text\":\"Grüße\"}"), events, "split at byte " + split);
        }
    }

    @Test
    void anEventWithoutItsBlankLineIsNotDispatched() {
        assertEquals(List.of(), feed("data: never finished\n"));
    }

    @Test
    void emptyLinesWithoutDataDispatchNothing() {
        assertEquals(List.of(), feed("\n\n\n: comment\n\n"));
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        assertEquals(List.of("x"), feed("\uFEFFdata: x\n\n"));
    }

    @Test
    void oversizedEventsAreRefused() {
        SseDecoder small = new SseDecoder(16);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> small.feed("data: 0123456789abcdefghij\n\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("an event stream line exceeds 16 bytes (maxResponseBytes)", error.getMessage());
    }

    private List<String> feed(String text) {
        return decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }
}
