package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The A2A 0.3 HTTP+JSON (ProtoJSON of the v0.3.0 proto) golden files: decoded to the model and encoded back. */
class ProtoJson03GoldenTest {
    private final A2aJson json = new A2aJson();
    private final A2aProtoJson03 proto = new A2aProtoJson03(json);

    @Test
    void taskRoundTrips() throws IOException {
        JsonNode golden = golden("task.json");
        Task task = proto.readTask(golden, "task");
        assertEquals(TaskState.INPUT_REQUIRED, task.status().state());
        assertEquals(Role.AGENT, task.status().message().role());
        assertEquals(Instant.parse("2026-11-25T10:15:30.123Z"), task.status().timestamp());
        List<Part> parts = task.artifacts().get(0).parts();
        assertEquals("hello", new String(((Part.Raw) parts.get(1)).raw()));
        assertEquals("application/octet-stream", parts.get(1).mediaType());
        assertEquals("https://example.com/map.png", ((Part.Url) parts.get(2)).url());
        assertEquals(Map.of("temperature", 21.5, "days", List.of(1, 2, 3), "ok", true), ((Part.Data) parts.get(3)).data());
        assertEquals(golden, proto.task(task));
    }

    @Test
    void canceledIsSpelledWithTwoLs() throws IOException {
        JsonNode golden = golden("task-canceled.json");
        Task task = proto.readTask(golden, "task");
        assertEquals(TaskState.CANCELED, task.status().state());
        assertEquals(golden, proto.task(task));
        assertEquals("TASK_STATE_CANCELLED", A2aProtoJson03.state(TaskState.CANCELED));
        assertEquals(TaskState.CANCELED, A2aProtoJson03.state(json.mapper().getNodeFactory().textNode(
                "TASK_STATE_CANCELED"), "state"));
        assertEquals(TaskState.CANCELED, A2aProtoJson03.state(json.mapper().getNodeFactory().numberNode(5), "state"));
        assertThrows(A2aException.class, () -> A2aProtoJson03.state(json.mapper().getNodeFactory().textNode("canceled"),
                "state"));
    }

    @Test
    void sendMessageRequestRoundTripsItsConfiguration() throws IOException {
        JsonNode golden = golden("send-message-request.json");
        SendMessageRequest request = proto.readSendMessageRequest(golden, "body");
        assertEquals(Role.USER, request.message().role());
        assertEquals(3, request.message().parts().size());
        assertEquals("application/pdf", request.message().parts().get(1).mediaType());
        assertEquals(Map.of("k", 1), ((Part.Data) request.message().parts().get(2)).data());
        assertFalse(request.configuration().returnImmediately());
        assertEquals(2, request.configuration().historyLength());
        assertEquals("Bearer", request.configuration().pushNotificationConfig().authentication().scheme());
        assertEquals(List.of("text/plain"), request.configuration().acceptedOutputModes());
        assertEquals(golden, proto.sendMessageRequest(request));
    }

    @Test
    void theSdkNonBlockingSendReturnsImmediately() throws IOException {
        // what @a2a-js/sdk's LegacyRestTransport sends for a non-blocking send: blocking false is left out
        JsonNode golden = golden("send-message-request-sdk.json");
        SendMessageRequest request = proto.readSendMessageRequest(golden, "body");
        assertTrue(request.configuration().returnImmediately());
        assertEquals(golden, proto.sendMessageRequest(request));
        // without a configuration the call blocks, as in 1.0
        SendMessageRequest plain = proto.readSendMessageRequest(json.mapper().createObjectNode()
                .set("message", golden.get("message")), "body");
        assertFalse(plain.configuration().returnImmediately());
    }

    @Test
    void aMessageAnswerRoundTrips() throws IOException {
        JsonNode golden = golden("send-message-response-message.json");
        Message message = assertInstanceOf(Message.class, proto.readSendMessageResponse(golden, "body"));
        assertEquals("hello", message.text());
        assertEquals(golden, proto.sendMessageResponse(message));
    }

    @Test
    void streamEventsRoundTrip() throws IOException {
        for (String file : new String[] {"stream-status-update.json", "stream-artifact-update.json"}) {
            JsonNode golden = golden(file);
            StreamEvent event = proto.readStreamResponse(golden, "event");
            assertEquals(golden, proto.streamResponse(event), file);
        }
        TaskStatusUpdateEvent status = (TaskStatusUpdateEvent) proto.readStreamResponse(golden("stream-status-update.json"), "e");
        assertEquals(TaskState.COMPLETED, status.status().state());
        TaskArtifactUpdateEvent artifact = (TaskArtifactUpdateEvent) proto.readStreamResponse(
                golden("stream-artifact-update.json"), "e");
        assertTrue(artifact.append() && artifact.lastChunk());
        assertThrows(A2aException.class, () -> proto.readSendMessageResponse(golden("stream-status-update.json"), "body"));
    }

    @Test
    void pushConfigsAreNamedByTaskAndId() throws IOException {
        JsonNode golden = golden("push-config.json");
        TaskPushNotificationConfig config = proto.readPushConfig(golden, "body", null);
        assertEquals("81a02daa-c920-4856-b5ef-4dccebe956ab", config.taskId());
        assertEquals("cfg-1", config.id());
        assertEquals(new TaskPushNotificationConfig.Authentication("Bearer", "secret"), config.authentication());
        assertEquals(golden, proto.pushConfig(config));
        A2aException other = assertThrows(A2aException.class, () -> proto.readPushConfig(golden, "body", "another-task"));
        assertEquals(A2aError.INVALID_PARAMS, other.error());

        JsonNode list = golden("push-config-list.json");
        List<TaskPushNotificationConfig> configs = proto.readPushConfigs(list, "body");
        assertEquals(1, configs.size());
        assertNull(proto.readNextPageToken(list, "body"));
        assertEquals(list, proto.pushConfigs(configs));
    }

    @Test
    void errorsCarryTheJsonRpcCode() throws IOException {
        JsonNode golden = golden("error-task-not-found.json");
        A2aException error = proto.readError(golden);
        assertEquals(A2aError.TASK_NOT_FOUND, error.error());
        assertEquals(golden, proto.error(error));
        assertNull(proto.readError(json.mapper().readTree("{\"error\":{\"code\":404}}")));
    }

    @Test
    void protoFieldNamesAreAcceptedToo() throws IOException {
        Message message = proto.readMessage(json.mapper().readTree("{\"message_id\":\"m\",\"role\":1,\"content\":"
                + "[{\"file\":{\"file_with_uri\":\"https://x\",\"mime_type\":\"text/html\"}}]}"), "m");
        assertEquals(Role.USER, message.role());
        assertEquals("text/html", message.parts().get(0).mediaType());
        A2aException noContent = assertThrows(A2aException.class, () -> proto.readMessage(json.mapper().readTree(
                "{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"1.0 shape\"}]}"), "m"));
        assertEquals("m.content: needs at least one part", noContent.getMessage());
    }

    @Test
    void theLegacyCardFieldsListThe03HttpJsonInterface() {
        AgentCard card = new AgentCard("a", "an agent", List.of(
                new AgentInterface("https://x/agents/a", AgentInterface.JSONRPC, "1.0", null),
                new AgentInterface("https://x/agents/a/rest", AgentInterface.HTTP_JSON, "1.0", null),
                new AgentInterface("https://x/agents/a", AgentInterface.JSONRPC, "0.3", null),
                new AgentInterface("https://x/agents/a/rest", AgentInterface.HTTP_JSON, "0.3", null)),
                null, "1", null, null, null, null, null, null, null, null, null);
        A2aJson03 json03 = new A2aJson03(json);
        JsonNode written = json03.addLegacyCardFields(json.card(card), card);
        assertEquals("https://x/agents/a", written.get("url").asText());
        assertEquals("JSONRPC", written.get("preferredTransport").asText());
        assertEquals("[{\"url\":\"https://x/agents/a\",\"transport\":\"JSONRPC\"},"
                + "{\"url\":\"https://x/agents/a/rest\",\"transport\":\"HTTP+JSON\"}]",
                written.get("additionalInterfaces").toString());
        // a 0.3 client reading the card back finds both 0.3 interfaces
        ObjectNode legacyOnly = ((ObjectNode) written.deepCopy()).without("supportedInterfaces");
        assertEquals(List.of(new AgentInterface("https://x/agents/a", AgentInterface.JSONRPC, "0.3", null),
                new AgentInterface("https://x/agents/a/rest", AgentInterface.HTTP_JSON, "0.3", null)),
                json03.readCard(legacyOnly, "card").supportedInterfaces());
    }

    private JsonNode golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/v03-rest/" + name)) {
            return json.mapper().readTree(in);
        }
    }
}
