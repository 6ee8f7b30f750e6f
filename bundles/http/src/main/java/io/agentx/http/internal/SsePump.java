package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Copies one event stream to one asynchronous response without holding a thread while the task is quiet: it is
 * woken when the stream has something to read ({@link EventStream#whenReady}), when the client can take more
 * ({@link WriteListener#onWritePossible}) and by a periodic tick that sends keep-alive comments and ends a stream
 * idle for too long. It drains on the container's threads: the agent's thread, which adds the events, and the
 * tick only dispatch to one. One wake-up drains at a time; wake-ups meanwhile make it drain once more.
 */
final class SsePump implements WriteListener, AsyncListener {
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agentx-sse-ticks");
        thread.setDaemon(true);
        return thread;
    });

    /** How an event and a mid-stream error become the bytes of one SSE message. */
    interface Messages {
        byte[] event(StreamEvent event, String id) throws IOException;

        byte[] error(A2aException error) throws IOException;

        byte[] keepAlive();
    }

    private final EventStream events;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Messages messages;
    private final long keepAliveNanos;
    private final long idleNanos;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ScheduledFuture<?> tick;
    // the drainer's own state (one drainer at a time)
    private byte[] unsent;
    private boolean flushDue;
    private boolean finishing;
    private long lastWrite = System.nanoTime();
    private long lastEvent = lastWrite;

    private SsePump(EventStream events, AsyncContext async, ServletOutputStream out, Messages messages,
            Duration keepAlive, Duration idleTimeout) {
        this.events = events;
        this.async = async;
        this.out = out;
        this.messages = messages;
        this.keepAliveNanos = keepAlive.toNanos();
        this.idleNanos = idleTimeout.toNanos();
    }

    /** Starts copying {@code events} to the response of {@code async}, whose headers are set. */
    static void start(EventStream events, AsyncContext async, Messages messages, Duration keepAlive,
            Duration idleTimeout) throws IOException {
        async.setTimeout(0); // the stream's own idle timeout ends it
        SsePump pump = new SsePump(events, async, async.getResponse().getOutputStream(), messages, keepAlive,
                idleTimeout);
        async.addListener(pump);
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(keepAlive.toNanos(), idleTimeout.toNanos()) / 4);
        pump.tick = TICKS.scheduleAtFixedRate(pump::dispatch, period, period, TimeUnit.NANOSECONDS);
        pump.out.setWriteListener(pump); // the container calls onWritePossible: the first drain
    }

    @Override
    public void onWritePossible() {
        wake();
    }

    @Override
    public void onError(Throwable failure) {
        stop(); // the client went away
    }

    /** Drains on a container thread: completing the response there runs Jetty's completion, not on the caller. */
    private void dispatch() {
        if (stopped.get()) {
            return;
        }
        try {
            async.start(this::wake);
        } catch (IllegalStateException completed) {
            stop(); // the container completed the request (the client went away)
        }
    }

    /** Drains, here or on the thread draining now. */
    private void wake() {
        if (wakeUps.getAndIncrement() != 0) {
            return;
        }
        do {
            drain();
        } while (wakeUps.decrementAndGet() != 0);
    }

    /** Writes what there is while the client takes it; asks to be woken when there is more. */
    private void drain() {
        try {
            while (!stopped.get() && out.isReady()) {
                if (unsent != null) {
                    out.write(unsent);
                    unsent = null;
                    flushDue = true;
                } else if (flushDue) {
                    flushDue = false;
                    out.flush();
                } else if (finishing || events.ended()) {
                    stop();
                } else {
                    unsent = next();
                    if (unsent == null && !finishing) {
                        events.whenReady(this::dispatch);
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            stop(); // the client went away, or the response is already complete
        }
    }

    /** The next message to send, or {@code null}: nothing now (or the stream ends: {@link #finishing}). */
    private byte[] next() throws IOException {
        StreamEvent event;
        try {
            event = events.next(Duration.ZERO);
        } catch (A2aException error) {
            finishing = true;
            return messages.error(error);
        } catch (NoSuchElementException ended) {
            finishing = true;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishing = true;
            return null;
        }
        long now = System.nanoTime();
        if (event != null) {
            lastEvent = now;
            lastWrite = now;
            return messages.event(event, events.lastEventId());
        }
        if (events.ended()) {
            finishing = true;
            return null;
        }
        if (now - lastEvent > idleNanos) {
            finishing = true;
            return messages.error(idleTimeout(idleNanos));
        }
        if (now - lastWrite >= keepAliveNanos) {
            lastWrite = now;
            return messages.keepAlive();
        }
        return null;
    }

    /** The last event of a stream quiet for too long: the client hears why, and that the task goes on without it. */
    static A2aException idleTimeout(long idleNanos) {
        return new A2aException(A2aError.INTERNAL_ERROR, "no event for " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
                + " ms (streamIdleTimeoutMillis of PID io.agentx.http): this stream is closed, the task goes on; "
                + "resubscribe with SubscribeToTask, with Last-Event-ID to miss nothing");
    }

    /** Ends the stream and the response, once. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> ticking = tick;
        if (ticking != null) {
            ticking.cancel(false);
        }
        events.close();
        try {
            async.complete();
        } catch (IllegalStateException alreadyComplete) {
            // the container completed it (the client went away)
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        stop();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        stop();
    }

    @Override
    public void onError(AsyncEvent event) {
        stop();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the same request again: nothing changes
    }

    /** Messages whose JSON comes from {@code encode} and {@code encodeError}, written by {@code mapper}. */
    static Messages json(com.fasterxml.jackson.databind.ObjectMapper mapper,
            Function<StreamEvent, com.fasterxml.jackson.databind.JsonNode> encode,
            Function<A2aException, com.fasterxml.jackson.databind.JsonNode> encodeError, String errorEvent) {
        return new Messages() {
            @Override
            public byte[] event(StreamEvent event, String id) throws IOException {
                return SseWriter.message(id == null ? null : "id: " + id,
                        mapper.writeValueAsBytes(encode.apply(event)));
            }

            @Override
            public byte[] error(A2aException error) throws IOException {
                return SseWriter.message(errorEvent == null ? null : "event: " + errorEvent,
                        mapper.writeValueAsBytes(encodeError.apply(error)));
            }

            @Override
            public byte[] keepAlive() {
                return SseWriter.KEEP_ALIVE.clone();
            }
        };
    }
}
