package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many requests with a large body (1 MiB or more) are served at once. Such a request costs many times
 * its size in memory while it is served (the parsed message, its task as JSON, the answer): eight 9 MB requests at
 * once ran the default 512 MB heap out of memory. Others wait for their turn, for a bounded time, then are refused
 * with RATE_LIMITED and {@code Retry-After} in their binding's shape. Requests with smaller bodies never wait.
 */
final class LargeRequests {
    static final long LARGE_BODY_BYTES = 1024 * 1024;
    /** The request attribute holding what gives a request's turn back. */
    private static final String TURN = "agentx.large-request-turn";

    private final Semaphore turns;
    private final int atOnce;
    private final long waitMillis;

    LargeRequests(int atOnce, long waitMillis) {
        this.turns = new Semaphore(atOnce, true);
        this.atOnce = atOnce;
        this.waitMillis = waitMillis;
    }

    /**
     * Takes a turn for a request with a large body, waiting for one if need be. A request that got none carries
     * the refusal its handler answers with.
     */
    void enter(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() < LARGE_BODY_BYTES) {
            return;
        }
        boolean got;
        try {
            got = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (got) {
            AtomicBoolean given = new AtomicBoolean();
            request.setAttribute(TURN, (Runnable) () -> {
                if (given.compareAndSet(false, true)) {
                    turns.release();
                }
            });
            return;
        }
        response.setHeader("Retry-After", "1");
        request.setAttribute(Admission.REFUSAL, new A2aException(A2aError.RATE_LIMITED, "AgentX is serving " + atOnce
                + " request(s) with a body of 1 MiB or more (maxLargeRequests of PID io.agentx.http) and this one "
                + "waited " + waitMillis + " ms for its turn; retry later"));
    }

    /** After the request was handled: gives its turn back, unless its answer is asynchronous and still to come. */
    static void leave(HttpServletRequest request) {
        if (request.getAttribute(TURN) instanceof Runnable giveBack && !request.isAsyncStarted()) {
            giveBack.run(); // (if the asynchronous answer completed already, its listener gave the turn back too)
        }
    }

    /** For a request going asynchronous, right after {@code startAsync}: its turn is given back when it completes. */
    static void leaveWhenComplete(HttpServletRequest request, AsyncContext async) {
        if (!(request.getAttribute(TURN) instanceof Runnable giveBack)) {
            return;
        }
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                giveBack.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                giveBack.run();
            }

            @Override
            public void onError(AsyncEvent event) {
                giveBack.run();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // the same request again: its turn is given back when it completes
            }
        });
    }
}
