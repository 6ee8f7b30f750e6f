package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskPushNotificationConfig;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each golden file is decoded to the model and encoded back to exactly the same JSON. */
class GoldenJsonTest {
    private final A2aJson json = new A2aJson();
    private final A2aJson03 json03 = new A2aJson03(json);

    @Test
    void taskRoundTrips() throws IOException {
        JsonNode golden = golden("v1/task.json");
        Task task = json.readTask(golden, "task");
        assertEquals(TaskState.INPUT_REQUIRED, task.status().state());
        assertEquals(Instant.parse("2026-11-25T10:15:30.123Z"), task.status().timestamp());
        assertEquals(4, task.artifacts().get(0).parts().size());
        assertEquals("hello", new String(((Part.Raw) task.artifacts().get(0).parts().get(1)).raw()));
        assertEquals(Map.of("temperature", 21.5, "days", java.util.List.of(1, 2, 3), "ok", true),
                ((Part.Data) task.artifacts().get(0).parts().get(3)).data());
        assertEquals(golden, json.task(task));
    }

    @Test
    void sendMessageRequestRoundTripsItsConfiguration() throws IOException {
        SendMessageRequest request = json.readSendMessageRequest(golden("v1/send-message-request.json"), "params");
        assertEquals("acme", request.tenant());
        assertEquals(5, request.configuration().historyLength());
        assertTrue(request.configuration().returnImmediately());
        assertEquals("Bearer", request.configuration().pushNotificationConfig().authentication().scheme());
        assertEquals(Role.USER, request.message().role());
    }

    @Test
    void streamEventsRoundTrip() throws IOException {
        for (String file : new String[] {"v1/status-update.json", "v1/artifact-update.json"}) {
            JsonNode golden = golden(file);
            StreamEvent event = json.readStreamResponse(golden, "result");
            assertEquals(golden, json.streamResponse(event), file);
        }
        TaskArtifactUpdateEvent update = (TaskArtifactUpdateEvent) json.readStreamResponse(golden("v1/artifact-update.json"), "r");
        assertTrue(update.append() && update.lastChunk());
    }

    @Test
    void agentCardRoundTrips() throws IOException {
        JsonNode golden = golden("v1/agent-card.json");
        AgentCard card = json.readCard(golden, "card");
        assertEquals("acme", card.supportedInterfaces().get(1).tenant());
        assertTrue(card.capabilities().extensions().get(0).required());
        JsonNode written = json.card(card);
        // skills' securityRequirements are not modelled per skill here; everything else must match
        assertEquals(golden, written);
    }

    @Test
    void taskMapsToA2a03Shapes() throws IOException {
        Task task = json.readTask(golden("v1/task.json"), "task");
        JsonNode expected = golden("v03/task.json");
        JsonNode written = json03.task(task);
        // 0.3 artifacts carry no extensions field in this mapping
        assertEquals(expected, written);
    }

    @Test
    void a2a03SendParamsMapToTheModel() throws IOException {
        SendMessageRequest request = json03.readSendParams(golden("v03/message-send-params.json"), "params");
        Message message = request.message();
        assertEquals(Role.USER, message.role());
        assertInstanceOf(Part.Url.class, message.parts().get(1));
        assertEquals("a.pdf", message.parts().get(1).filename());
        assertEquals(Map.of("k", 1), ((Part.Data) message.parts().get(2)).data());
        assertTrue(request.configuration().returnImmediately(), "blocking:false means return immediately");
        assertEquals(2, request.configuration().historyLength());
    }

    @Test
    void finalStatusUpdateCarriesTheA2a03FinalFlag() throws IOException {
        TaskStatusUpdateEvent update = new TaskStatusUpdateEvent("task-1", "ctx-1",
                new TaskStatus(TaskState.COMPLETED, null, Instant.parse("2026-11-25T10:15:31Z")), null);
        assertEquals(golden("v03/status-update-final.json"), json03.event(update));
    }

    @Test
    void sendMessageRequestWritesTheGoldenJsonBack() throws IOException {
        JsonNode golden = golden("v1/send-message-request.json");
        assertEquals(golden, json.sendMessageRequest(json.readSendMessageRequest(golden, "params")));
    }

    @Test
    void a2a03TaskReadsToTheModelAndBack() throws IOException {
        JsonNode golden = golden("v03/task.json");
        Task task = json03.readTask(golden, "result");
        assertEquals(TaskState.INPUT_REQUIRED, task.status().state());
        assertEquals(Role.AGENT, task.status().message().role());
        assertEquals("hello", new String(((Part.Raw) task.artifacts().get(0).parts().get(1)).raw()));
        assertEquals(golden, json03.task(task));
        assertEquals(golden, json03.event(json03.readEvent(golden, "result")));
    }

    @Test
    void a2a03SendParamsWriteTheGoldenJsonBack() throws IOException {
        JsonNode golden = golden("v03/message-send-params.json");
        assertEquals(golden, json03.sendParams(json03.readSendParams(golden, "params")));
    }

    @Test
    void a2a03StatusUpdateReadsToTheModel() throws IOException {
        TaskStatusUpdateEvent update = new TaskStatusUpdateEvent("task-1", "ctx-1",
                new TaskStatus(TaskState.COMPLETED, null, Instant.parse("2026-11-25T10:15:31Z")), null);
        assertEquals(update, json03.readEvent(golden("v03/status-update-final.json"), "result"));
    }

    @Test
    void messageRoundTripsWithEveryKindOfPart() throws IOException {
        JsonNode golden = golden("v1/message.json");
        Message message = json.readMessage(golden, "message");
        assertEquals(Role.AGENT, message.role());
        assertEquals(java.util.List.of("task-0"), message.referenceTaskIds());
        assertEquals("hello.bin", message.parts().get(1).filename());
        assertInstanceOf(Part.Url.class, message.parts().get(2));
        assertEquals(golden, json.message(message));
    }

    @Test
    void pushConfigRoundTripsInBothVersions() throws IOException {
        JsonNode golden = golden("v1/push-config.json");
        TaskPushNotificationConfig config = json.readTaskPushConfig(golden, "params");
        assertEquals("cfg-1", config.id());
        assertEquals("abc", config.authentication().credentials());
        assertEquals(golden, json.taskPushConfig(config));

        JsonNode legacy = golden("v03/push-config.json");
        TaskPushNotificationConfig read03 = json03.readPushConfig(legacy, "params");
        assertEquals(new TaskPushNotificationConfig(null, "cfg-1", "task-1", "https://hooks.example.com/a2a",
                "secret-token", new TaskPushNotificationConfig.Authentication("Bearer", "abc")), read03);
        assertEquals(legacy, json03.pushConfig(read03));
    }

    @Test
    void listTasksResponseRoundTrips() throws IOException {
        JsonNode golden = golden("v1/list-tasks-response.json");
        io.agentx.a2a.model.ListTasksResponse response = json.readListTasksResponse(golden, "result");
        assertEquals(2, response.tasks().size());
        assertEquals(7, response.totalSize());
        assertEquals("cD0xMjM0", response.nextPageToken());
        assertEquals(golden, json.listTasksResponse(response));
    }

    @Test
    void a2a03ArtifactUpdateRoundTrips() throws IOException {
        JsonNode golden = golden("v03/artifact-update.json");
        TaskArtifactUpdateEvent update = (TaskArtifactUpdateEvent) json03.readEvent(golden, "result");
        assertTrue(update.append() && !update.lastChunk());
        assertEquals(golden, json03.event(update));
    }

    @Test
    void a2a03CardReadsAsA10CardWithItsInterfacesAndSecurity() throws IOException {
        AgentCard card = json03.readCard(golden("v03/agent-card.json"), "card");
        assertEquals(java.util.List.of(
                new io.agentx.a2a.model.AgentInterface("https://old.example.com/a2a/jsonrpc", "JSONRPC", "0.3", null),
                new io.agentx.a2a.model.AgentInterface("https://old.example.com/a2a/rest", "HTTP+JSON", "0.3", null)),
                card.supportedInterfaces());
        assertTrue(card.capabilities().streaming() && card.capabilities().pushNotifications());
        assertEquals(Map.of("location", "header", "name", "X-API-Key"),
                ((Map<?, ?>) card.securitySchemes().get("key")).get("apiKeySecurityScheme"));
        assertEquals(java.util.List.of(Map.of("schemes", Map.of("key", Map.of("list", java.util.List.of())))),
                card.securityRequirements());
        assertEquals("route", card.skills().get(0).id());
    }

    private JsonNode golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            return json.mapper().readTree(in);
        }
    }
}
