package io.agentx.api;

import io.agentx.a2a.model.StreamEvent;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The events of one task for one reader, buffered up to a bound. A reader that falls too far behind is cut
 * off: {@link #next} then throws. Close it when done.
 */
@ProviderType
public interface EventStream extends AutoCloseable {

    /**
     * The next event, waiting at most {@code timeout}; {@code null} if none arrived in time or the stream has
     * just ended (check {@link #ended()}).
     *
     * @throws java.util.NoSuchElementException when the stream has ended (after its final event)
     * @throws io.agentx.a2a.model.A2aException when the stream was cut off, e.g. because the reader was too slow
     */
    StreamEvent next(Duration timeout) throws InterruptedException;

    /**
     * The stream id of the event {@link #next} returned last ({@code <taskId>:<sequence>}, see
     * {@link StoredEvent#streamId}), or {@code null} if it has none (an agent's direct message answer).
     */
    String lastEventId();

    /** Whether the final event has been taken. */
    boolean ended();

    /**
     * Runs {@code listener} once, as soon as {@link #next} can return without waiting (an event, the end of the
     * stream, or the error that cut it off): at once, on the calling thread, if it already can; otherwise on the
     * thread that makes it so (the agent's), which the listener therefore must not block. A later call replaces
     * a listener that has not run yet. For readers that hold no thread while the task is quiet.
     */
    void whenReady(Runnable listener);

    @Override
    void close();
}
