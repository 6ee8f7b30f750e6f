package io.agentx.grpc.internal.supervisor;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The level at which a line a plugin process printed goes to AgentX's log. A line that names its own level among
 * its first words, as the SDKs' log lines do ({@code 2026-12-07T10:00:00Z INFO [agentx-plugin] connected},
 * {@code 2026-12-07 10:00:00,123 WARNING agentx_plugin: …}) and Python's default format does
 * ({@code INFO:name:message}), keeps it; any other line gets its stream's level:
 * INFO for stdout, WARN for stderr (where programs print both their logs and their errors).
 */
final class OutputLevel {
    /** How many leading words may hold the level: a date and a time come before it in the usual formats. */
    private static final int WORDS_SEARCHED = 4;

    private OutputLevel() {
    }

    static Level of(String line, boolean stderr) {
        String[] words = line.strip().split(" +", WORDS_SEARCHED + 1);
        for (int i = 0; i < Math.min(words.length, WORDS_SEARCHED); i++) {
            Level named = named(words[i]);
            if (named != null) {
                return named;
            }
        }
        return stderr ? Level.WARN : Level.INFO;
    }

    /** A level in capitals ({@code INFO}), or in any case before a colon ({@code Error: …}, {@code INFO:name:…}). */
    private static Level named(String word) {
        int colon = word.indexOf(':');
        String candidate = colon > 0 ? word.substring(0, colon).toUpperCase(Locale.ROOT) : word;
        return switch (candidate) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR", "CRITICAL", "FATAL" -> Level.ERROR;
            default -> null;
        };
    }
}
