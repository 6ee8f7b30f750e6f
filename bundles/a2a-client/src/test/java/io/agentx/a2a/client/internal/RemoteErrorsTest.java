package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RemoteErrorsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(A2aError.class)
    void jsonRpcErrorsMapByTheirCode(A2aError expected) throws Exception {
        A2aException error = RemoteErrors.fromJsonRpc(json("{\"code\":" + expected.code() + ",\"message\":\"told by the agent\"}"));
        assertEquals(expected, error.error());
        assertEquals("told by the agent", error.getMessage());
    }

    @Test
    void jsonRpcErrorInfoMetadataBecomeDetails() throws Exception {
        A2aException error = RemoteErrors.fromJsonRpc(json("{\"code\":-32001,\"message\":\"no task with id x\",\"data\":[{"
                + "\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"TASK_NOT_FOUND\","
                + "\"domain\":\"a2a-protocol.org\",\"metadata\":{\"taskId\":\"x\"}}]}"));
        assertEquals(A2aError.TASK_NOT_FOUND, error.error());
        assertEquals(Map.of("taskId", "x"), error.details());
    }

    @Test
    void anUnknownJsonRpcCodeMapsByTheErrorInfoReason() throws Exception {
        A2aException error = RemoteErrors.fromJsonRpc(json("{\"code\":-32099,\"message\":\"busy\",\"data\":[{"
                + "\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"UNSUPPORTED_OPERATION\"}]}"));
        assertEquals(A2aError.UNSUPPORTED_OPERATION, error.error());
        assertEquals("-32099", error.details().get("code"));
    }

    @Test
    void anUnknownJsonRpcCodeWithoutReasonIsAnInternalErrorNamingTheCode() throws Exception {
        A2aException error = RemoteErrors.fromJsonRpc(json("{\"code\":-31000,\"message\":\"custom failure\",\"data\":\"free text\"}"));
        assertEquals(A2aError.INTERNAL_ERROR, error.error());
        assertEquals("custom failure", error.getMessage());
        assertEquals(Map.of("code", "-31000"), error.details());
    }

    @Test
    void a03ErrorWithoutDataOrMessageStillSaysWhatHappened() throws Exception {
        A2aException error = RemoteErrors.fromJsonRpc(json("{\"code\":-32002}"));
        assertEquals(A2aError.TASK_NOT_CANCELABLE, error.error());
        assertEquals("the agent reported JSON-RPC error -32002 without a message", error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(A2aError.class)
    void restErrorsMapByTheirReason(A2aError expected) throws Exception {
        A2aException error = RemoteErrors.fromRest(expected.httpStatus(), json("{\"error\":{\"code\":" + expected.httpStatus()
                + ",\"status\":\"" + expected.grpcStatus() + "\",\"message\":\"told by the agent\",\"details\":[{"
                + "\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"" + expected.reason()
                + "\",\"domain\":\"a2a-protocol.org\",\"metadata\":{\"taskId\":\"t-1\"}}]}}")).orElseThrow();
        assertEquals(expected, error.error());
        assertEquals("told by the agent", error.getMessage());
        assertEquals(Map.of("taskId", "t-1"), error.details());
    }

    @Test
    void aRestErrorWithoutReasonMapsByItsUnambiguousStatus() throws Exception {
        A2aException error = RemoteErrors.fromRest(404, json("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\","
                + "\"message\":\"gone\"}}")).orElseThrow();
        assertEquals(A2aError.TASK_NOT_FOUND, error.error());
        assertEquals(Map.of("httpStatus", "404"), error.details());
    }

    @Test
    void aRestErrorWithoutReasonOrKnownStatusMapsByItsHttpClass() throws Exception {
        assertEquals(A2aError.INVALID_REQUEST, RemoteErrors.fromRest(400, json("{\"error\":{\"status\":\"INVALID_ARGUMENT\","
                + "\"message\":\"bad\"}}")).orElseThrow().error());
        assertEquals(A2aError.INTERNAL_ERROR, RemoteErrors.fromRest(502, json("{\"error\":{\"status\":\"UNKNOWN\","
                + "\"message\":\"later\"}}")).orElseThrow().error());
        assertEquals(A2aError.AGENT_UNAVAILABLE, RemoteErrors.fromRest(503, json("{\"error\":{\"status\":\"UNAVAILABLE\","
                + "\"message\":\"later\"}}")).orElseThrow().error(), "one error has 503 UNAVAILABLE");
    }

    @Test
    void bodiesThatAreNotAip193ErrorsAreNotA2aErrors() throws Exception {
        assertTrue(RemoteErrors.fromRest(401, json("{\"type\":\"about:blank\",\"title\":\"Unauthorized\"}")).isEmpty());
        assertTrue(RemoteErrors.fromRest(500, json("{\"error\":\"boom\"}")).isEmpty());
        assertTrue(RemoteErrors.fromRest(502, null).isEmpty());
    }

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }
}
