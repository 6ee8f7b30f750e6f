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

    private JsonNode golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            return json.mapper().readTree(in);
        }
    }
}
