package io.agentx.grpc.internal.a2a;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A2A errors as gRPC statuses, as the specification's tables say: the status code of the error type, its message,
 * and a {@code google.rpc.ErrorInfo} detail with the reason (e.g. {@code TASK_NOT_FOUND}), the domain
 * {@code a2a-protocol.org} and the error's details as metadata.
 */
public final class GrpcErrors {
    static final String DOMAIN = "a2a-protocol.org";

    private GrpcErrors() {
    }

    public static StatusRuntimeException of(A2aException failure) {
        A2aError error = failure.error();
        ErrorInfo info = ErrorInfo.newBuilder().setReason(error.reason()).setDomain(DOMAIN)
                .putAllMetadata(failure.details()).build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.valueOf(error.grpcStatus()).getNumber())
                .setMessage(failure.getMessage() == null ? error.reason() : failure.getMessage())
                .addDetails(Any.pack(info)).build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** Whatever went wrong, as the status a client should see: A2A errors as above, anything else INTERNAL. */
    public static StatusRuntimeException of(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof A2aException a2a) {
            return of(a2a);
        }
        return Status.INTERNAL.withDescription("AgentX failed to process the request: " + failure)
                .asRuntimeException();
    }
}
