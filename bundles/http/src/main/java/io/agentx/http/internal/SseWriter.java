package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Writes an event stream as Server-Sent Events: one {@code data:} line per event, preceded by its {@code id:}
 * (which a client sends back as {@code Last-Event-ID} to resume), a keep-alive comment after
 * each quiet interval, and the stream closed after its final event, a reader error or the idle timeout. Where the
 * request can go asynchronous (always, in AgentX) no thread is held while the task is quiet ({@link SsePump}).
 */
final class SseWriter {
    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

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
    void copy(EventStream events, HttpServletRequest request, HttpServletResponse response,
            Function<StreamEvent, JsonNode> encode, Function<A2aException, JsonNode> encodeError)
            throws IOException, InterruptedException {
        copy(events, request, response, encode, encodeError, null);
    }

    /**
     * As {@link #copy(EventStream, HttpServletRequest, HttpServletResponse, Function, Function)}, naming the error
     * event ({@code event: <errorEvent>}) when {@code errorEvent} is not {@code null}.
     */
    void copy(EventStream events, HttpServletRequest request, HttpServletResponse response,
            Function<StreamEvent, JsonNode> encode, Function<A2aException, JsonNode> encodeError, String errorEvent)
            throws IOException, InterruptedException {
        SsePump.Messages messages = SsePump.json(mapper, encode, encodeError, errorEvent);
        if (request.isAsyncSupported()) {
            AsyncContext async = request.startAsync();
            LargeRequests.leaveWhenComplete(request, async);
            SsePump.start(events, async, messages, keepAlive, idleTimeout);
            return;
        }
        copyHere(events, response.getOutputStream(), messages);
    }

    /** The copy on this thread, for a container that cannot go asynchronous. */
    private void copyHere(EventStream events, ServletOutputStream out, SsePump.Messages messages)
            throws IOException, InterruptedException {
        long quietSince = System.nanoTime();
        try (events) {
            while (!events.ended()) {
                StreamEvent event;
                try {
                    event = events.next(keepAlive);
                } catch (A2aException error) {
                    send(out, messages.error(error));
                    return;
                }
                if (event != null) {
                    send(out, messages.event(event, events.lastEventId()));
                    quietSince = System.nanoTime();
                } else if (!events.ended()) {
                    if (System.nanoTime() - quietSince > idleTimeout.toNanos()) {
                        send(out, messages.error(SsePump.idleTimeout(idleTimeout.toNanos())));
                        return;
                    }
                    send(out, messages.keepAlive());
                }
            }
        }
    }

    private static void send(ServletOutputStream out, byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    /** One SSE message: an optional field line ({@code id: …} or {@code event: …}), then the JSON as data. */
    static byte[] message(String field, byte[] json) {
        byte[] head = ((field == null ? "" : field + "\n") + "data: ").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(json, 0, message, head.length, json.length);
        message[message.length - 2] = '\n';
        message[message.length - 1] = '\n';
        return message;
    }
}
