package io.agentx.grpc.internal.a2a;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import io.agentx.grpc.a2a.v1.StreamResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Copies an {@link EventStream} to a server-streaming call without holding a thread while the task is quiet. It
 * drains when the stream has something to read ({@link EventStream#whenReady}, dispatched from the agent's
 * thread to {@code executor}) and when the client can take more (gRPC's on-ready), sending only while the client
 * keeps up (flow control: the task manager's bounded buffer then cuts off a reader that falls too far behind),
 * and closes the stream when the client cancels. One drain at a time; wake-ups meanwhile make it drain once more.
 */
final class StreamPump {
    private final ServerCallStreamObserver<StreamResponse> call;
    private final EventStream events;
    private final Executor executor;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();

    private StreamPump(ServerCallStreamObserver<StreamResponse> call, EventStream events, Executor executor) {
        this.call = call;
        this.events = events;
        this.executor = executor;
    }

    /** Opens the stream and starts copying it; returns at once. */
    static void start(StreamObserver<StreamResponse> response, Executor executor, Supplier<EventStream> open) {
        ServerCallStreamObserver<StreamResponse> call = (ServerCallStreamObserver<StreamResponse>) response;
        EventStream events;
        try {
            events = open.get();
        } catch (RuntimeException failure) {
            call.onError(GrpcErrors.of(failure));
            return;
        }
        StreamPump pump = new StreamPump(call, events, executor);
        call.setOnReadyHandler(pump::wake);
        call.setOnCancelHandler(pump::finish);
        pump.wake();
    }

    /** Drains on the executor: the agent's thread, which adds the events, only hands over. */
    private void dispatch() {
        try {
            executor.execute(this::wake);
        } catch (RejectedExecutionException stopping) {
            end(Status.UNAVAILABLE.withDescription("AgentX is shutting down").asRuntimeException());
        }
    }

    /** Drains, here or on the thread draining now. */
    private void wake() {
        if (wakeUps.getAndIncrement() != 0) {
            return;
        }
        do {
            drain();
        } while (wakeUps.decrementAndGet() != 0);
    }

    private void drain() {
        try {
            while (!finished.get()) {
                if (call.isCancelled()) {
                    finish();
                    return;
                }
                if (events.ended()) {
                    end(null);
                    return;
                }
                if (!call.isReady()) {
                    return; // on-ready wakes it
                }
                StreamEvent event = events.next(Duration.ZERO);
                if (event != null) {
                    call.onNext(ProtoModel.streamResponse(event));
                } else if (!events.ended()) {
                    events.whenReady(this::dispatch);
                    return;
                }
            }
        } catch (A2aException failure) {
            end(GrpcErrors.of(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(Status.UNAVAILABLE.withDescription("AgentX is shutting down").asRuntimeException());
        } catch (RuntimeException failure) {
            end(call.isCancelled() ? null : GrpcErrors.of(failure));
        }
    }

    /** Completes the call, or fails it with {@code error}, once. */
    private void end(RuntimeException error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        events.close();
        if (call.isCancelled()) {
            return;
        }
        if (error == null) {
            call.onCompleted();
        } else {
            call.onError(error);
        }
    }

    /** The client canceled: nothing more is sent. */
    private void finish() {
        if (finished.compareAndSet(false, true)) {
            events.close();
        }
    }
}
