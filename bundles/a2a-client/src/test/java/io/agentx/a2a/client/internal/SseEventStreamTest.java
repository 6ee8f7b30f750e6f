package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SseEventStreamTest {
    private static final URI URL = URI.create("http://agent.example/rest/message:stream");
    private final A2aJson json = new A2aJson();
    private final ChunkQueue body = new ChunkQueue();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    SseEventStreamTest() {
        body.onCancel(() -> cancelled.set(true));
    }

    @Test
    void eventsArriveInOrderAndTheStreamEndsWhenTheServerCloses() {
        SseEventStream events = stream(Duration.ofSeconds(5));
        send(": keep-alive\n\ndata: {\"task\":{\"id\":\"t\",\"contextId\":\"c\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}\n\n"
                + "data: {\"statusUpdate\":{\"taskId\":\"t\",\"contextId\":\"c\",\"status\":{\"state\":\"TASK_STATE_COMPLETED\"}}}\n\n");
        body.end();
        List<StreamEvent> all = events.stream().toList();
        assertEquals(2, all.size());
        assertTrue(all.get(0) instanceof Task);
        assertTrue(all.get(1) instanceof TaskStatusUpdateEvent);
        assertFalse(events.hasNext());
        assertThrows(NoSuchElementException.class, events::next);
    }

    @Test
    void theNextChunkIsRequestedOnlyAfterTheReaderTookOne() {
        SseEventStream events = stream(Duration.ofSeconds(5));
        send("data: {\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"text\":\"hi\"}]}}\n\n");
        assertEquals(0, requested.get(), "nothing more is asked for while the chunk waits");
        assertTrue(events.next() instanceof Message);
        assertEquals(1, requested.get());
    }

    @Test
    void silenceLongerThanTheReadTimeoutFailsAndClosesTheStream() {
        SseEventStream events = stream(Duration.ofMillis(100));
        A2aClientException error = assertThrows(A2aClientException.class, events::hasNext);
        assertEquals(A2aClientException.Failure.TIMEOUT, error.failure());
        assertEquals("POST " + URL + ": the stream sent nothing for PT0.1S (streamReadTimeout) and was closed", error.getMessage());
        assertTrue(cancelled.get());
        assertFalse(events.hasNext());
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingReader() throws Exception {
        SseEventStream events = stream(Duration.ofSeconds(30));
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(events::hasNext);
        Thread.sleep(100);
        events.close();
        assertFalse(reader.get(5, TimeUnit.SECONDS));
        assertTrue(cancelled.get());
    }

    @Test
    void anErrorEventThrowsTheAgentsErrorAndEndsTheStream() {
        SseEventStream events = stream(Duration.ofSeconds(5), data -> {
            throw new A2aException(A2aError.TASK_NOT_FOUND, "no task with id t");
        });
        send("data: {\"error\":{}}\n\ndata: {\"never\":\"read\"}\n\n");
        A2aException error = assertThrows(A2aException.class, events::next);
        assertEquals(A2aError.TASK_NOT_FOUND, error.error());
        assertFalse(events.hasNext());
        assertTrue(cancelled.get());
    }

    @Test
    void aBrokenConnectionIsATransportFailure() {
        SseEventStream events = stream(Duration.ofSeconds(5));
        body.fail(new IOException("connection reset"));
        A2aClientException error = assertThrows(A2aClientException.class, events::hasNext);
        assertEquals(A2aClientException.Failure.CONNECTION_LOST, error.failure());
        assertTrue(error.mayHaveReachedAgent());
    }

    @Test
    void anOversizedEventIsAnInvalidResponse() {
        SseEventStream events = new SseEventStream(body, 32, data -> json.readStreamResponse(null, "e"),
                Duration.ofSeconds(5), "POST", URL);
        send("data: " + "x".repeat(64) + "\n\n");
        assertEquals(A2aClientException.Failure.INVALID_RESPONSE,
                assertThrows(A2aClientException.class, events::hasNext).failure());
    }

    private SseEventStream stream(Duration timeout) {
        return stream(timeout, data -> {
            try {
                return json.readStreamResponse(json.mapper().readTree(data), "event");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private SseEventStream stream(Duration timeout, Function<String, StreamEvent> decode) {
        return new SseEventStream(body, 1024, decode, timeout, "POST", URL);
    }

    private void send(String text) {
        body.offer(text.getBytes(StandardCharsets.UTF_8), requested::incrementAndGet);
    }
}
