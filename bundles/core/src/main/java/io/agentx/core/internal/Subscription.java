package io.agentx.core.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One reader's bounded buffer of a task's events. The agent never waits for a reader: if the buffer is full
 * the reader is cut off with an error, and other readers carry on.
 */
final class Subscription implements EventStream {
    private static final Object END = new Object();

    /** An event with its stream id ({@code null} for an agent's direct answer). */
    private record Item(StreamEvent event, String id) {
    }

    private final BlockingQueue<Object> queue;
    private final int capacity;
    private final Consumer<Subscription> onClose;
    private volatile boolean ended;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private volatile String lastEventId;
    /** Who waits for something to read, if anyone. */
    private final AtomicReference<Runnable> readyListener = new AtomicReference<>();

    Subscription(int capacity, Consumer<Subscription> onClose) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
        this.onClose = onClose;
    }

    /** Offers an event without a stream id (an agent's direct answer). */
    boolean offer(StreamEvent event, boolean last) {
        return offer(event, null, last);
    }

    /** Offers an event; {@code last} ends the stream after it. Returns false if the reader was cut off. */
    boolean offer(StreamEvent event, String id, boolean last) {
        if (closed || overflowed) {
            return false;
        }
        if (queue.size() >= capacity) {
            fail(new A2aException(A2aError.STREAM_READER_TOO_SLOW, "the stream was closed because its reader fell more than "
                    + capacity + " events behind; call SubscribeToTask (or GetTask) to catch up"));
            return false;
        }
        queue.offer(new Item(event, id));
        if (last) {
            queue.offer(END);
        }
        signalReady();
        return true;
    }

    @Override
    public StreamEvent next(Duration timeout) throws InterruptedException {
        if (ended) {
            throw new NoSuchElementException("the stream has ended");
        }
        Object item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            return null;
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof A2aException error) {
            ended = true;
            throw error;
        }
        if (queue.peek() == END) {
            queue.poll();
            ended = true;
        }
        Item event = (Item) item;
        lastEventId = event.id();
        return event.event();
    }

    /** Cuts the reader off with an error (its next read throws it). */
    void fail(A2aException error) {
        if (!closed && !overflowed) {
            overflowed = true;
            queue.clear();
            queue.offer(error);
            signalReady();
        }
    }

    /** Ends the stream without a further event (a replay of a finished task is complete). */
    void end() {
        queue.offer(END);
        signalReady();
    }

    @Override
    public void whenReady(Runnable listener) {
        readyListener.set(listener);
        if (!queue.isEmpty()) {
            signalReady();
        }
    }

    private void signalReady() {
        Runnable listener = readyListener.getAndSet(null);
        if (listener != null) {
            listener.run();
        }
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
