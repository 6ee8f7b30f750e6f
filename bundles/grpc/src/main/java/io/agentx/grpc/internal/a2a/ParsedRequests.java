package io.agentx.grpc.internal.a2a;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.grpc.internal.RawBytes;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;

/**
 * A service whose request messages arrive as bytes and are parsed here: one that is not the method's message
 * ends its call with INVALID_ARGUMENT and an ErrorInfo (PARSE_ERROR) saying what was wrong, where gRPC itself
 * would answer an opaque UNKNOWN ("Application error processing RPC").
 */
public final class ParsedRequests {
    private ParsedRequests() {
    }

    public static ServerServiceDefinition of(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder parsed = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            parsed.addMethod(fromBytes(method));
        }
        return parsed.build();
    }

    private static <Q, R> ServerMethodDefinition<byte[], R> fromBytes(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> typed = method.getMethodDescriptor();
        MethodDescriptor<byte[], R> raw = typed.toBuilder(RawBytes.INSTANCE, typed.getResponseMarshaller()).build();
        return ServerMethodDefinition.create(raw, (call, headers) -> {
            ServerCall<Q, R> typedCall = new ForwardingServerCall.SimpleForwardingServerCall<Q, R>(cast(call)) {
                @Override
                public MethodDescriptor<Q, R> getMethodDescriptor() {
                    return typed;
                }
            };
            return new Parsing<>(typed, call, method.getServerCallHandler().startCall(typedCall, headers));
        });
    }

    /** The call, as its handler sees it: only its method descriptor names the request type. */
    @SuppressWarnings("unchecked")
    private static <Q, R> ServerCall<Q, R> cast(ServerCall<byte[], R> call) {
        return (ServerCall<Q, R>) (ServerCall<?, R>) call;
    }

    /** Parses each request message for the method's listener; a call refused here hears nothing more. */
    private static final class Parsing<Q, R> extends ServerCall.Listener<byte[]> {
        private final MethodDescriptor<Q, R> method;
        private final ServerCall<byte[], R> call;
        private final ServerCall.Listener<Q> next;
        private boolean refused;

        Parsing(MethodDescriptor<Q, R> method, ServerCall<byte[], R> call, ServerCall.Listener<Q> next) {
            this.method = method;
            this.call = call;
            this.next = next;
        }

        @Override
        public void onMessage(byte[] bytes) {
            if (refused) {
                return;
            }
            Q request;
            try {
                request = method.parseRequest(new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
                refused = true;
                String type = method.getFullMethodName().substring(method.getFullMethodName().indexOf('/') + 1);
                StatusRuntimeException status = GrpcErrors.of(new A2aException(A2aError.PARSE_ERROR, "the request of "
                        + type + " (" + bytes.length + " bytes) is not its protobuf message: " + rootMessage(e)));
                call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
                return;
            }
            next.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                next.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            next.onCancel();
        }

        @Override
        public void onComplete() {
            next.onComplete();
        }

        @Override
        public void onReady() {
            if (!refused) {
                next.onReady();
            }
        }

        private static String rootMessage(Throwable error) {
            Throwable root = error;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
    }
}
