package io.agentx.kernel;

import java.time.Duration;

/** Parses operator-friendly durations: {@code 250ms}, {@code 30s}, {@code 2m}, or a bare number of seconds. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return nonNegative(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), text);
            }
            if (value.endsWith("s")) {
                return nonNegative(Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1))), text);
            }
            if (value.endsWith("m")) {
                return nonNegative(Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1))), text);
            }
            return nonNegative(Duration.ofSeconds(Long.parseLong(value)), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a duration like 500ms, 30s or 2m, got '" + text + "'");
        }
    }

    private static Duration nonNegative(Duration duration, String text) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("must not be negative, got '" + text + "'");
        }
        return duration;
    }
}
