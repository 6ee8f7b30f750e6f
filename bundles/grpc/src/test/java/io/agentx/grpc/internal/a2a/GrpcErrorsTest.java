package io.agentx.grpc.internal.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.rpc.ErrorInfo;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A2A errors reach gRPC clients as the specification's table says, with an ErrorInfo detail. */
class GrpcErrorsTest {

    @Test
    void anA2aErrorBecomesItsStatusWithErrorInfo() throws Exception {
        StatusRuntimeException status = GrpcErrors.of(new A2aException(A2aError.TASK_NOT_FOUND, "no task with id t9",
                Map.of("taskId", "t9")));
        assertEquals(Status.Code.NOT_FOUND, status.getStatus().getCode());
        assertEquals("no task with id t9", status.getStatus().getDescription());
        ErrorInfo info = StatusProto.fromThrowable(status).getDetails(0).unpack(ErrorInfo.class);
        assertEquals("TASK_NOT_FOUND", info.getReason());
        assertEquals("a2a-protocol.org", info.getDomain());
        assertEquals(Map.of("taskId", "t9"), info.getMetadataMap());
    }

    @Test
    void eachErrorTypeHasTheTablesCode() {
        assertEquals(Status.Code.FAILED_PRECONDITION, GrpcErrors.of(new A2aException(A2aError.TASK_NOT_CANCELABLE, "x"))
                .getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, GrpcErrors.of(A2aException.invalid("request.message", "is required"))
                .getStatus().getCode());
        assertEquals(Status.Code.UNAVAILABLE, GrpcErrors.of(new A2aException(A2aError.AGENT_UNAVAILABLE, "down"))
                .getStatus().getCode());
        assertEquals(Status.Code.INTERNAL, GrpcErrors.of(new IllegalStateException("boom")).getStatus().getCode());
    }

    @Test
    void securityRefusalsHaveTheirOwnCodes() {
        assertEquals(Status.Code.UNAUTHENTICATED, GrpcErrors.of(new A2aException(A2aError.UNAUTHENTICATED, "who?"))
                .getStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, GrpcErrors.of(new A2aException(A2aError.PERMISSION_DENIED, "no"))
                .getStatus().getCode());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, GrpcErrors.of(new A2aException(A2aError.RATE_LIMITED, "slow down"))
                .getStatus().getCode());
    }
}
