package io.agentx.grpc.internal.a2a;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call's callbacks where gRPC delivers them, the transport's event loop, except the one that invokes the
 * service method (the half-close of a unary or server-streaming call): that one goes to a worker, after the
 * caller's admission, since both may block (a JWKS fetch, an agent, a store read) and the event loop must not. A
 * callback that arrives while the worker has the call waits for it, so callbacks stay in order and never overlap.
 * A call thus costs one thread hand-off; gRPC's own executor made one for nearly every callback.
 */
final class MethodOnWorker<Q> extends ServerCall.Listener<Q> {
    private static final Logger LOG = LoggerFactory.getLogger(MethodOnWorker.class);
    private static final Executor HERE = Runnable::run;

    private final ServerCall<Q, ?> call;
    private final ServerCall.Listener<Q> method;
    private final Executor workers;
    private final Supplier<Context> admission;
    private final Queue<Runnable> callbacks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Context context;

    /**
     * @param context   the context the callbacks run in until the caller is admitted
     * @param admission admits the caller and gives the context the method runs in, or closes the call and gives
     *                  {@code null}
     */
    MethodOnWorker(ServerCall<Q, ?> call, ServerCall.Listener<Q> method, Context context, Executor workers,
            Supplier<Context> admission) {
        this.call = call;
        this.method = method;
        this.context = context;
        this.workers = workers;
        this.admission = admission;
    }

    @Override
    public void onMessage(Q message) {
        inOrder(() -> context.run(() -> method.onMessage(message)), HERE);
    }

    @Override
    public void onHalfClose() {
        inOrder(this::admitAndInvoke, workers);
    }

    @Override
    public void onCancel() {
        inOrder(() -> context.run(method::onCancel), HERE);
    }

    @Override
    public void onComplete() {
        inOrder(() -> context.run(method::onComplete), HERE);
    }

    @Override
    public void onReady() {
        inOrder(() -> context.run(method::onReady), HERE);
    }

    private void admitAndInvoke() {
        Context admitted = admission.get();
        if (admitted != null) {
            context = admitted;
            admitted.run(method::onHalfClose);
        }
    }

    /**
     * Runs {@code callback} on {@code where} when no callback is running, else after those before it, on the
     * thread running them. gRPC delivers a call's callbacks from one thread at a time, so only the worker's turn
     * can still be running when the next arrives.
     */
    private void inOrder(Runnable callback, Executor where) {
        callbacks.add(callback);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        try {
            where.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            callbacks.clear();
            pending.set(0);
            close(Status.UNAVAILABLE.withDescription("AgentX is shutting down"));
        }
    }

    private void drain() {
        do {
            try {
                callbacks.poll().run();
            } catch (RuntimeException e) {
                LOG.warn("gRPC call {} failed", call.getMethodDescriptor().getFullMethodName(), e);
                close(Status.INTERNAL.withDescription("AgentX failed to handle the call: " + e));
            }
        } while (pending.decrementAndGet() != 0);
    }

    private void close(Status status) {
        try {
            call.close(status, new Metadata());
        } catch (IllegalStateException alreadyClosed) {
            // answered or closed meanwhile
        }
    }
}
