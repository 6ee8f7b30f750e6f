package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding errors name the offending field and what it should be. */
class ValidationTest {
    private final A2aJson json = new A2aJson();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                                                                   | params.message: is required",
        "{\"message\":[]}                                                                     | params.message: must be a JSON object",
        "{\"message\":{\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]}}                   | params.message.messageId: is required",
        "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"text\":\"x\"}]}}                      | params.message.role: is required (ROLE_USER or ROLE_AGENT)",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_BOSS\",\"parts\":[{\"text\":\"x\"}]}} | params.message.role: must be one of ROLE_UNSPECIFIED, ROLE_USER, ROLE_AGENT, got 'ROLE_BOSS'",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\"}}                             | params.message.parts: needs at least one part",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{}]}}              | params.message.parts[0]: needs exactly one of text, raw, url, data",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":1}]}}    | params.message.parts[0].text: must be a string",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"raw\":\"%%\"}]}} | params.message.parts[0].raw: must be Base64",
        "{\"message\":{\"messageId\":7,\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]}}    | params.message.messageId: must be a string",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]},\"configuration\":{\"historyLength\":-1}} | params.configuration.historyLength: must be between 0 and 2147483647, got -1",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]},\"configuration\":{\"historyLength\":1e999}} | params.configuration.historyLength: must be an integer",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":3}} | params.message.metadata: must be a JSON object",
    })
    void sendMessageErrorsNameTheField(String body, String expected) throws Exception {
        JsonNode params = json.mapper().readTree(body);
        A2aException error = assertThrows(A2aException.class, () -> json.readSendMessageRequest(params, "params"));
        assertEquals(A2aError.INVALID_PARAMS, error.error());
        assertEquals(expected, error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"pageSize\":0}            | params.pageSize: must be between 1 and 100, got 0",
        "{\"pageSize\":101}          | params.pageSize: must be between 1 and 100, got 101",
        "{\"status\":\"DONE\"}       | params.status: must be one of TASK_STATE_UNSPECIFIED, TASK_STATE_SUBMITTED, TASK_STATE_WORKING, TASK_STATE_COMPLETED, TASK_STATE_FAILED, TASK_STATE_CANCELED, TASK_STATE_INPUT_REQUIRED, TASK_STATE_REJECTED, TASK_STATE_AUTH_REQUIRED, got 'DONE'",
        "{\"statusTimestampAfter\":\"yesterday\"} | params.statusTimestampAfter: must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z",
    })
    void listTasksErrorsNameTheField(String body, String expected) throws Exception {
        JsonNode params = json.mapper().readTree(body);
        A2aException error = assertThrows(A2aException.class, () -> json.readListTasksRequest(params, "params"));
        assertEquals(expected, error.getMessage());
    }

    @Test
    void theUnspecifiedStateAsksForNoFilter() throws Exception {
        JsonNode params = json.mapper().readTree("{\"status\":\"TASK_STATE_UNSPECIFIED\"}");
        assertNull(json.readListTasksRequest(params, "params").status());
        params = json.mapper().readTree("{\"status\":\"TASK_STATE_WORKING\"}");
        assertEquals(TaskState.WORKING, json.readListTasksRequest(params, "params").status());
    }
}
