package io.agentx.grpc.internal.a2a;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.api.EventStream;
import io.agentx.grpc.a2a.v1.StreamResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Copies an {@link EventStream} to a server-streaming call on the calling thread, sending only while the client
 * keeps up (gRPC flow control: the task manager's bounded buffer then cuts off a reader that falls too far
 * behind), and closing the stream when the client cancels.
 */
final class StreamPump {
    private final ServerCallStreamObserver<StreamResponse> call;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();

    private StreamPump(ServerCallStreamObserver<StreamResponse> call) {
        this.call = call;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(this::signal);
    }

    static void run(StreamObserver<StreamResponse> response, Duration poll, Supplier<EventStream> open) {
        ServerCallStreamObserver<StreamResponse> call = (ServerCallStreamObserver<StreamResponse>) response;
        StreamPump pump = new StreamPump(call);
        EventStream events;
        try {
            events = open.get();
        } catch (RuntimeException failure) {
            call.onError(GrpcErrors.of(failure));
            return;
        }
        try (events) {
            pump.copy(events, poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.UNAVAILABLE.withDescription("AgentX is shutting down").asRuntimeException());
        } catch (A2aException failure) {
            call.onError(GrpcErrors.of(failure));
        } catch (RuntimeException failure) {
            if (!call.isCancelled()) {
                call.onError(GrpcErrors.of(failure));
            }
        }
    }

    private void copy(EventStream events, Duration poll) throws InterruptedException {
        while (!events.ended()) {
            if (call.isCancelled()) {
                return;
            }
            StreamEvent event = events.next(poll);
            if (event != null) {
                awaitReady();
                if (call.isCancelled()) {
                    return;
                }
                call.onNext(ProtoModel.streamResponse(event));
            }
        }
        call.onCompleted();
    }

    private void awaitReady() throws InterruptedException {
        lock.lock();
        try {
            while (!call.isReady() && !call.isCancelled()) {
                ready.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
