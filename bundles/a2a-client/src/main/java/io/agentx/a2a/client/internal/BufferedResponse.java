package io.agentx.a2a.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;

/** Collects a response of at most {@code limit} bytes; a larger one is aborted and fails with {@link TooLarge}. */
final class BufferedResponse implements Response.AsyncContentListener, Response.CompleteListener {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Buffered> done = new CompletableFuture<>();

    /** A whole response: status, content type and body. */
    record Buffered(int status, String contentType, byte[] body) {
    }

    /** The body exceeded the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("the answer exceeds " + limit + " bytes (maxResponseBytes)");
        }
    }

    BufferedResponse(int limit) {
        this.limit = limit;
    }

    CompletableFuture<Buffered> done() {
        return done;
    }

    @Override
    public void onContent(Response response, Content.Chunk chunk, Runnable demander) {
        int length = chunk.remaining();
        if (bytes.size() + length > limit) {
            response.abort(new TooLarge(limit));
            demander.run();
            return;
        }
        byte[] copy = new byte[length];
        chunk.getByteBuffer().get(copy);
        bytes.write(copy, 0, length);
        demander.run();
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            done.completeExceptionally(TransportFailures.failure(result));
            return;
        }
        Response response = result.getResponse();
        String contentType = response.getHeaders().get("Content-Type");
        done.complete(new Buffered(response.getStatus(), contentType == null ? "" : contentType, bytes.toByteArray()));
    }
}
