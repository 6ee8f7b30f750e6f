package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.ListTasksRequest;
import io.agentx.a2a.model.ListTasksResponse;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a client writes (requests) and reads (answers, 0.3 results, cards of either version). */
class ClientSideJsonTest {
    private final A2aJson json = new A2aJson();
    private final A2aJson03 json03 = new A2aJson03(json);

    @Test
    void listTasksRequestRoundTrips() {
        ListTasksRequest request = new ListTasksRequest("acme", "ctx-1", TaskState.WORKING, 10, "page-2", 3,
                Instant.parse("2026-01-01T00:00:00Z"), true);
        assertEquals(request, json.readListTasksRequest(json.listTasksRequest(request), "params"));
        assertEquals("{}", json.listTasksRequest(new ListTasksRequest(null, null, null, null, null, null, null, false)).toString());
    }

    @Test
    void listTasksResponseRoundTrips() {
        Task task = new Task("t-1", "c-1", new TaskStatus(TaskState.COMPLETED, null, Instant.parse("2026-01-01T00:00:00Z")),
                null, null, null);
        ListTasksResponse response = new ListTasksResponse(List.of(task), "", 50, 1);
        assertEquals(response, json.readListTasksResponse(json.listTasksResponse(response), "result"));
    }

    @Test
    void a03OnlyCardListsItsTopLevelInterfacesOnce() throws Exception {
        AgentCard card = json03.readCard(json.mapper().readTree("{\"name\":\"Old\",\"description\":\"d\",\"version\":\"1\","
                + "\"protocolVersion\":\"0.3.0\",\"url\":\"https://a.example/rpc\",\"preferredTransport\":\"JSONRPC\","
                + "\"additionalInterfaces\":[{\"url\":\"https://a.example/rpc\",\"transport\":\"JSONRPC\"},"
                + "{\"url\":\"https://a.example/rest\",\"transport\":\"HTTP+JSON\"}],\"capabilities\":{\"streaming\":true},"
                + "\"skills\":[]}"), "card");
        assertEquals(List.of(new AgentInterface("https://a.example/rpc", "JSONRPC", "0.3", null),
                new AgentInterface("https://a.example/rest", "HTTP+JSON", "0.3", null)), card.supportedInterfaces());
        assertEquals(true, card.capabilities().streaming());
    }

    @Test
    void a10CardKeepsItsSupportedInterfacesOverTheLegacyFields() throws Exception {
        JsonNode node = json.mapper().readTree("{\"name\":\"New\",\"protocolVersion\":\"0.3.0\",\"url\":\"https://a.example/old\","
                + "\"supportedInterfaces\":[{\"url\":\"https://a.example/rpc\",\"protocolBinding\":\"JSONRPC\","
                + "\"protocolVersion\":\"1.0\"}]}");
        assertEquals(List.of(new AgentInterface("https://a.example/rpc", "JSONRPC", "1.0", null)),
                json03.readCard(node, "card").supportedInterfaces());
    }

    @Test
    void a03PushConfigWithoutIdLeavesTheIdToTheServer() {
        TaskPushNotificationConfig config = new TaskPushNotificationConfig(null, null, "t-1", "https://hooks.example/a",
                "tok", new TaskPushNotificationConfig.Authentication("Bearer", "abc"));
        JsonNode written = json03.pushConfig(config);
        assertEquals("{\"taskId\":\"t-1\",\"pushNotificationConfig\":{\"url\":\"https://hooks.example/a\",\"token\":\"tok\","
                + "\"authentication\":{\"schemes\":[\"Bearer\"],\"credentials\":\"abc\"}}}", written.toString());
        assertEquals(config, json03.readPushConfig(written, "result"));
    }

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void a03StateNamesReadBack(TaskState state) {
        assertEquals(state, A2aJson03.state(A2aJson03.state(state), "status.state"));
    }

    @Test
    void unknown03StatesAndKindsNameTheField() throws Exception {
        A2aException state = assertThrows(A2aException.class, () -> A2aJson03.state("done", "result.status.state"));
        assertEquals("result.status.state: must be one of submitted, working, input-required, completed, canceled, failed,"
                + " rejected, auth-required, unknown, got 'done'", state.getMessage());
        A2aException kind = assertThrows(A2aException.class,
                () -> json03.readEvent(json.mapper().readTree("{\"kind\":\"tasks\"}"), "result"));
        assertEquals("result.kind: must be \"task\", \"message\", \"status-update\" or \"artifact-update\"",
                kind.getMessage());
    }

    @Test
    void a03ArtifactUpdateAndZonelessTimestampsRead() throws Exception {
        TaskArtifactUpdateEvent update = (TaskArtifactUpdateEvent) json03.readEvent(json.mapper().readTree(
                "{\"kind\":\"artifact-update\",\"taskId\":\"t\",\"contextId\":\"c\",\"append\":true,\"lastChunk\":false,"
                        + "\"artifact\":{\"artifactId\":\"echo\",\"parts\":[{\"kind\":\"text\",\"text\":\"hi \"}]}}"), "result");
        assertEquals(new TaskArtifactUpdateEvent("t", "c", new Artifact("echo", null, null, List.of(Part.Text.of("hi ")),
                null, null), true, false, null), update);
        Task task = json03.readTask(json.mapper().readTree("{\"kind\":\"task\",\"id\":\"t\",\"contextId\":\"c\","
                + "\"status\":{\"state\":\"working\",\"timestamp\":\"2026-01-01T10:00:00\"}}"), "result");
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), task.status().timestamp());
    }
}
