package io.agentx.a2a.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Server-Sent Events byte stream into the data of its events, following the WHATWG rules: lines end
 * with LF, CR or CRLF (also across chunks), {@code data:} lines of one event are joined with LF, a blank line
 * ends the event, comments ({@code :…}) and other fields ({@code event}, {@code id}, {@code retry}) are skipped.
 * An event still open when the stream ends is dropped, as the rules say. One instance per stream.
 */
final class SseDecoder {
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean afterCarriageReturn;
    private boolean firstLine = true;

    /** @param maxEventBytes the largest line or event accepted */
    SseDecoder(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The data of each event completed by these bytes, in order.
     *
     * @throws IllegalStateException when a line or event exceeds the size limit
     */
    List<String> feed(byte[] bytes) {
        List<String> events = new ArrayList<>(1);
        for (byte b : bytes) {
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
            } else if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                endLine(events);
            } else {
                afterCarriageReturn = false;
                if (line.size() >= maxEventBytes) {
                    throw new IllegalStateException("an event stream line exceeds " + maxEventBytes + " bytes (maxResponseBytes)");
                }
                line.write(b);
            }
        }
        return events;
    }

    private void endLine(List<String> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            if (data.length() > 0) {
                events.add(data.substring(0, data.length() - 1));
                data.setLength(0);
            }
            return;
        }
        int colon = text.indexOf(':');
        if (colon == 0) {
            return;
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        if (field.equals("data")) {
            String value = colon < 0 ? "" : text.substring(colon + 1);
            data.append(value.startsWith(" ") ? value.substring(1) : value).append('\n');
            if (data.length() > maxEventBytes) {
                throw new IllegalStateException("an event exceeds " + maxEventBytes + " bytes (maxResponseBytes)");
            }
        }
    }
}
