package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request of a binding and answers whatever goes wrong in that binding's error shape: protocol
 * errors as they are, unexpected failures as a logged internal error that names no internals.
 */
final class FailureAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(FailureAnswers.class);

    /** The request's work. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException, InterruptedException;
    }

    /** Writes an error; {@code transportStatus} is the HTTP status a transport problem imposes, or 0. */
    @FunctionalInterface
    interface ErrorAnswer {
        void write(A2aException error, int transportStatus) throws IOException;
    }

    private FailureAnswers() {
    }

    static void run(String binding, String agentId, Work work, ErrorAnswer answer) throws IOException {
        try {
            work.run();
        } catch (TransportException e) {
            answer.write(e.error(), e.httpStatus());
        } catch (A2aException e) {
            // refusals keep their HTTP status in every binding, JSON-RPC included, so that clients can re-authenticate
            answer.write(e, e.error().isAccessDenial() ? e.error().httpStatus() : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} request to agent {} failed", binding, agentId, e);
            answer.write(new A2aException(A2aError.INTERNAL_ERROR, "the server failed to process the request ("
                    + e.getClass().getSimpleName() + "); see the AgentX log"), 0);
        }
    }
}
