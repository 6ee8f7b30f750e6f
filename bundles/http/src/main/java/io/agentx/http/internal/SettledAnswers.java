package io.agentx.http.internal;

import io.agentx.a2a.model.StreamEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers a blocking SendMessage when its task settles. If it settled already (an in-kernel agent that answers at
 * once) the answer is written now; otherwise the request goes asynchronous and the answer is built by the thread
 * that settles the task, so no request thread is parked waiting for a plugin process or a remote agent, and sent
 * in the background ({@link BufferedAnswer}), so that thread does not wait for the client either.
 */
final class SettledAnswers {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SettledAnswers.class);

    /** Writes the answer to {@code to}. */
    @FunctionalInterface
    interface Answer {
        void write(HttpServletResponse to, StreamEvent answer) throws IOException;
    }

    /** Runs the writing inside the binding's error handling ({@link FailureAnswers#run}), whose answers go to {@code to}. */
    @FunctionalInterface
    interface Guarded {
        void run(HttpServletResponse to, FailureAnswers.Work work) throws IOException;
    }

    private SettledAnswers() {
    }

    static void write(CompletableFuture<StreamEvent> pending, HttpServletRequest request, HttpServletResponse response,
            Answer answer, Guarded guarded) throws IOException {
        if (pending.isDone() || !request.isAsyncSupported()) {
            answer.write(response, joined(pending));
            return;
        }
        AsyncContext async = request.startAsync();
        LargeRequests.leaveWhenComplete(request, async);
        async.setTimeout(0); // the task manager's send timeout bounds the wait
        pending.whenComplete((event, error) -> {
            BufferedAnswer buffered = new BufferedAnswer(response);
            try {
                guarded.run(buffered, () -> {
                    if (error != null) {
                        throw unwrapped(error);
                    }
                    answer.write(buffered, event);
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("The answer to a blocking SendMessage could not be written", e);
            } catch (Error e) { // e.g. out of memory: the client still gets an answer, the request is not left open
                buffered.reset();
                buffered.setStatus(500);
                throw e;
            } finally {
                buffered.send(async);
            }
        });
    }

    private static StreamEvent joined(CompletableFuture<StreamEvent> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    private static RuntimeException unwrapped(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
