package io.agentx.a2a.client;

import io.agentx.a2a.model.StreamEvent;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The events an agent streams for one request, read one at a time as they arrive. It ends when the agent closes
 * the stream. Not thread-safe, except {@link #close()}, which any thread may call to abort a waiting reader.
 */
@ProviderType
public interface A2aEventStream extends Iterator<StreamEvent>, AutoCloseable {

    /**
     * Waits until the next event arrives or the stream ends.
     *
     * @return {@code false} once the agent has closed the stream or {@link #close()} was called
     * @throws A2aClientException when nothing (not even a keep-alive) arrived within the stream read timeout,
     *         the connection broke or the agent sent something that is not an A2A event; the stream is then closed
     * @throws io.agentx.a2a.model.A2aException when the agent sent an A2A error instead of the next event; the
     *         stream is then closed
     */
    @Override
    boolean hasNext();

    /**
     * The next event, waiting for it as {@link #hasNext()} does.
     *
     * @throws java.util.NoSuchElementException when the stream has ended
     */
    @Override
    StreamEvent next();

    /** The remaining events as a sequential {@link Stream}; closing that stream closes this one. */
    default Stream<StreamEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Stops reading and drops the connection; a reader waiting in {@link #hasNext()} returns {@code false}. */
    @Override
    void close();
}
