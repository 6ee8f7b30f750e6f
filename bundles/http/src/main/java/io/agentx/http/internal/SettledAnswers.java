package io.agentx.http.internal;

import io.agentx.a2a.model.StreamEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers a blocking SendMessage when its task settles. If it settled already (an in-kernel agent that answers at
 * once) the answer is written now; otherwise the request goes asynchronous and the answer is written by the thread
 * that settles the task, so no request thread is parked waiting for a plugin process or a remote agent.
 */
final class SettledAnswers {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SettledAnswers.class);

    /** Writes the answer. */
    @FunctionalInterface
    interface Answer {
        void write(StreamEvent answer) throws IOException;
    }

    /** Runs the writing inside the binding's error handling ({@link FailureAnswers#run}). */
    @FunctionalInterface
    interface Guarded {
        void run(FailureAnswers.Work work) throws IOException;
    }

    private SettledAnswers() {
    }

    static void write(CompletableFuture<StreamEvent> pending, HttpServletRequest request, Answer answer,
            Guarded guarded) throws IOException {
        if (pending.isDone() || !request.isAsyncSupported()) {
            answer.write(joined(pending));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the task manager's send timeout bounds the wait
        pending.whenComplete((event, error) -> {
            try {
                guarded.run(() -> {
                    if (error != null) {
                        throw unwrapped(error);
                    }
                    answer.write(event);
                });
            } catch (IOException gone) {
                // the client went away before its answer
            } catch (RuntimeException e) {
                LOG.warn("The answer to a blocking SendMessage could not be written", e);
            } finally {
                try {
                    async.complete();
                } catch (RuntimeException e) {
                    LOG.warn("A blocking SendMessage could not be completed after its answer", e);
                }
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
