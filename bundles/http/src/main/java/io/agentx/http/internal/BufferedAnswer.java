package io.agentx.http.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to an asynchronous request, built in memory by whichever thread settles the request (the store's,
 * an HTTP client's, a plugin connection's) and then handed to Jetty to send in the background: a client that does
 * not read its answer holds its own connection until the idle timeout, never the thread that answered it.
 */
final class BufferedAnswer extends HttpServletResponseWrapper {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BufferedAnswer.class);

    private final Body body = new Body();
    private final ServletOutputStream out = new ServletOutputStream() {
        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("an answer is written to memory, then sent whole");
        }
    };
    private PrintWriter writer;

    BufferedAnswer(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return out;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        // nothing goes out before send()
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        body.reset();
    }

    /** Sends what was written, with its length, and completes the request once it is sent (or the client is gone). */
    void send(AsyncContext async) {
        if (writer != null) {
            writer.flush();
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        boolean handedOver = false;
        try {
            response.setContentLength(body.size());
            ServletOutputStream target = response.getOutputStream();
            if (target instanceof HttpOutput jetty) {
                jetty.sendContent(body.whole(), Callback.from(
                        () -> complete(async), gone -> complete(async)));
                handedOver = true;
            } else {
                body.writeTo(target); // another container: a blocking write
            }
        } catch (IOException gone) {
            // the client went away before its answer
        } catch (RuntimeException e) {
            LOG.warn("An answer could not be sent", e);
        } finally {
            if (!handedOver) {
                complete(async); // whatever happened, the request does not stay open
            }
        }
    }

    /** The bytes written, handed to Jetty as they are: an answer is held in memory once, not copied. */
    private static final class Body extends ByteArrayOutputStream {
        Body() {
            super(1024);
        }

        ByteBuffer whole() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (RuntimeException e) {
            LOG.warn("A request could not be completed after its answer", e);
        }
    }
}
