package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many requests with a large body (1 MiB or more, or of a length not announced) are served at once. Such a request costs many times
 * its size in memory while it is served (the parsed message, its task as JSON, the answer): eight 9 MB requests at
 * once ran the default 512 MB heap out of memory. Others wait for their turn, in arrival order and for a bounded
 * time, then are refused with RATE_LIMITED and {@code Retry-After} in their binding's shape. A waiting request is
 * suspended (servlet async) and dispatched again when its turn comes or its time is up: it holds no request thread,
 * so however many wait, requests with smaller bodies never do.
 */
final class LargeRequests {
    private static final long LARGE_BODY_BYTES = 1024 * 1024;
    /** The request attribute holding what gives a request's turn back. */
    private static final String TURN = "agentx.large-request-turn";

    private final int atOnce;
    private final long waitMillis;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int free;

    LargeRequests(int atOnce, long waitMillis) {
        this.atOnce = atOnce;
        this.waitMillis = waitMillis;
        this.free = atOnce;
    }

    /**
     * Whether the request is a POST announcing a body of 1 MiB or more, or one that announces no length (a chunked
     * body): its size is known only once read, and it may be as large as {@code maxBodyBytes}.
     */
    static boolean isLarge(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return request.getMethod().equals("POST") && (length >= LARGE_BODY_BYTES || length < 0);
    }

    /**
     * Lets a request go on now ({@code true}): one with a small body, one that has its turn, or one refused, which
     * carries the refusal its handler answers with. Otherwise ({@code false}) the request has been suspended to wait
     * for its turn, and the caller must return: the request is dispatched again once it has a turn or is refused.
     */
    boolean enter(HttpServletRequest request, HttpServletResponse response) {
        if (!isLarge(request) || request.getAttribute(TURN) != null
                || request.getAttribute(Admission.REFUSAL) != null) {
            return true;
        }
        if (takeFree()) {
            holdTurn(request);
            return true;
        }
        if (waitMillis == 0 || !request.isAsyncSupported()) {
            refuse(request, response);
            return true;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(waitMillis);
        Waiter waiter = new Waiter(async, request, response);
        async.addListener(waiter);
        if (takeFreeOrQueue(waiter)) {
            waiter.grant(); // a turn came free while it was being suspended
        }
        return false;
    }

    private synchronized boolean takeFree() {
        if (free == 0) {
            return false;
        }
        free--;
        return true;
    }

    private synchronized boolean takeFreeOrQueue(Waiter waiter) {
        if (takeFree()) {
            return true;
        }
        waiting.addLast(waiter);
        return false;
    }

    /** A turn given back passes to the longest-waiting request still waiting, else becomes free. */
    private void giveBack() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    free++;
                    return;
                }
            }
            if (next.grant()) {
                return;
            }
        }
    }

    private synchronized void forget(Waiter waiter) {
        waiting.remove(waiter);
    }

    private void holdTurn(HttpServletRequest request) {
        AtomicBoolean given = new AtomicBoolean();
        request.setAttribute(TURN, (Runnable) () -> {
            if (given.compareAndSet(false, true)) {
                giveBack();
            }
        });
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Retry-After", "1");
        request.setAttribute(Admission.REFUSAL, new A2aException(A2aError.RATE_LIMITED, "AgentX is serving " + atOnce
                + " request(s) with a body of 1 MiB or more (maxLargeRequests of PID io.agentx.http) and this one "
                + "waited " + waitMillis + " ms for its turn; retry later"));
    }

    /** A suspended request waiting for its turn: granted one, timed out, or gone with its client, whichever is first. */
    private final class Waiter implements AsyncListener {
        private final AtomicBoolean settled = new AtomicBoolean();
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Waiter(AsyncContext async, HttpServletRequest request, HttpServletResponse response) {
            this.async = async;
            this.request = request;
            this.response = response;
        }

        /** Gives it the turn and dispatches it again; false if it was no longer waiting. */
        boolean grant() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            holdTurn(request);
            async.dispatch();
            return true;
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (settled.compareAndSet(false, true)) {
                forget(this);
                refuse(request, response);
                async.dispatch();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (settled.compareAndSet(false, true)) {
                forget(this); // its client is gone
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (settled.compareAndSet(false, true)) {
                forget(this);
            }
            if (request.getAttribute(TURN) instanceof Runnable giveBack) {
                giveBack.run(); // done, however it went: a turn granted to it is free again (given back once only)
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // dispatched and suspended again by its handler: no longer waiting, not listening any more
        }
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
