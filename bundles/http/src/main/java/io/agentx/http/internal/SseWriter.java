package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Writes an event stream as Server-Sent Events: one {@code data:} line per event, preceded by its {@code id:}
 * (which a client sends back as {@code Last-Event-ID} to resume), a keep-alive comment after
 * each quiet interval, and the stream closed after its final event, a reader error or the idle timeout.
 */
final class SseWriter {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_LINE = "\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final Duration keepAlive;
    private final Duration idleTimeout;

    SseWriter(ObjectMapper mapper, Duration keepAlive, Duration idleTimeout) {
        this.mapper = mapper;
        this.keepAlive = keepAlive;
        this.idleTimeout = idleTimeout;
    }

    static void start(HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    /**
     * Copies the stream to the response until it ends; {@code encode} turns an event into its JSON and
     * {@code encodeError} a mid-stream error into the binding's error event.
     */
    void copy(EventStream events, HttpServletResponse response, Function<StreamEvent, JsonNode> encode,
            Function<A2aException, JsonNode> encodeError) throws IOException, InterruptedException {
        copy(events, response, encode, encodeError, null);
    }

    /**
     * As {@link #copy(EventStream, HttpServletResponse, Function, Function)}, naming the error event
     * ({@code event: <errorEvent>}) when {@code errorEvent} is not {@code null}.
     */
    void copy(EventStream events, HttpServletResponse response, Function<StreamEvent, JsonNode> encode,
            Function<A2aException, JsonNode> encodeError, String errorEvent) throws IOException, InterruptedException {
        ServletOutputStream out = response.getOutputStream();
        long quietSince = System.nanoTime();
        try (events) {
            while (!events.ended()) {
                StreamEvent event;
                try {
                    event = events.next(keepAlive);
                } catch (A2aException error) {
                    if (errorEvent != null) {
                        out.write(EVENT);
                        out.write(errorEvent.getBytes(StandardCharsets.UTF_8));
                        out.write(NEW_LINE);
                    }
                    write(out, encodeError.apply(error));
                    return;
                }
                if (event != null) {
                    String id = events.lastEventId();
                    if (id != null) {
                        out.write(ID);
                        out.write(id.getBytes(StandardCharsets.UTF_8));
                        out.write(NEW_LINE);
                    }
                    write(out, encode.apply(event));
                    quietSince = System.nanoTime();
                } else if (!events.ended()) {
                    if (System.nanoTime() - quietSince > idleTimeout.toNanos()) {
                        return;
                    }
                    out.write(KEEP_ALIVE);
                    out.flush();
                }
            }
        }
    }

    private void write(ServletOutputStream out, JsonNode json) throws IOException {
        out.write(DATA);
        out.write(mapper.writeValueAsBytes(json));
        out.write(END);
        out.flush();
    }
}
