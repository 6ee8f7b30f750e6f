package io.agentx.grpc.internal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class OutputLevelTest {

    @Test
    void theSdksLogLinesKeepTheirLevelOnEitherStream() {
        assertEquals(Level.INFO, OutputLevel.of("2026-12-07T23:55:01.123Z INFO [agentx-plugin] connected to the kernel", true));
        assertEquals(Level.WARN, OutputLevel.of("2026-12-07 23:55:01,123 WARNING agentx_plugin: lost the stream", true));
        assertEquals(Level.ERROR, OutputLevel.of("2026-12-07 23:55:01,123 ERROR agentx_plugin: handler failed", false));
        assertEquals(Level.DEBUG, OutputLevel.of("DEBUG starting", true));
        assertEquals(Level.ERROR, OutputLevel.of("12:00:01 CRITICAL out of memory", false));
        assertEquals(Level.INFO, OutputLevel.of("INFO:agentx_plugin:connected", true)); // Python's default format
    }

    @Test
    void otherLinesGetTheLevelOfTheirStream() {
        assertEquals(Level.WARN, OutputLevel.of("Traceback (most recent call last):", true));
        assertEquals(Level.INFO, OutputLevel.of("listening on 4111", false));
        assertEquals(Level.WARN, OutputLevel.of("", true));
        assertEquals(Level.WARN, OutputLevel.of("  at Object.<anonymous> (file.js:1:1)", true));
        assertEquals(Level.INFO, OutputLevel.of("Debug mode is on", false)); // a word, not a level
        assertEquals(Level.ERROR, OutputLevel.of("Error: Cannot find module 'x'", true));
    }

    @Test
    void onlyTheFirstWordsAreSearched() {
        assertEquals(Level.WARN, OutputLevel.of("the request was fine and then INFO went missing", true));
        assertEquals(Level.INFO, OutputLevel.of("one two three four ERROR five", false));
    }
}
