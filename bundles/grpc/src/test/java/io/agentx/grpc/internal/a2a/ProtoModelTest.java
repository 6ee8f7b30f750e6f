package io.agentx.grpc.internal.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field-by-field protobuf form says exactly what the JSON bindings say, for every kind of content. */
class ProtoModelTest {
    private final A2aJson json = new A2aJson();
    private final ProtoJson proto = new ProtoJson(json);

    private final Message question = new Message("m1", "c1", "t1", Role.USER, List.of(
            new Part.Text("hello", "text/plain", null, Map.of("lang", "en")),
            new Part.Raw(new byte[] {0, 1, 2, (byte) 255}, "application/octet-stream", "blob.bin", null),
            new Part.Url("https://example.com/a.png", "image/png", "a.png", null),
            new Part.Data(Map.of("n", 1.5, "list", List.of("a", true), "nested", Map.of("x", "y")), "application/json", null, null)),
            Map.of("skill", "echo"), List.of("https://example.com/ext/v1"), List.of("t0"));
    private final Task task = new Task("t1", "c1", new TaskStatus(TaskState.WORKING,
            new Message("m2", "c1", "t1", Role.AGENT, List.of(Part.Text.of("on it")), null, null, null),
            Instant.parse("2026-12-05T10:15:30.123456789Z")),
            List.of(new Artifact("a1", "echo", "the echo", List.of(Part.Text.of("hello")), Map.of("k", "v"), null)),
            List.of(question), Map.of("priority", "high"));

    @Test
    void aTaskWithEveryKindOfPartReadsBackTheSame() {
        assertEquals(json.task(task), proto.tree(ProtoModel.task(task)));
        assertEquals(json.toJson(task), json.toJson(json.readTask(proto.tree(ProtoModel.task(task)), "task")));
    }

    @Test
    void messagesAndArtifactsReadBackFieldByFieldAsTheJsonBindingsReadThem() {
        ProtoReader read = new ProtoReader(proto);
        assertEquals(json.message(question), json.message(read.message(ProtoModel.message(question), "m")));
        Artifact artifact = task.artifacts().get(0);
        assertEquals(json.artifact(artifact), json.artifact(read.artifact(ProtoModel.artifact(artifact), "a")));
    }

    @Test
    void streamEventsKeepTheirKindAndFlags() {
        TaskStatusUpdateEvent status = new TaskStatusUpdateEvent("t1", "c1", TaskStatus.of(TaskState.COMPLETED), Map.of());
        TaskArtifactUpdateEvent chunk = new TaskArtifactUpdateEvent("t1", "c1",
                new Artifact("a1", "echo", null, List.of(Part.Text.of("more")), null, null), true, true, Map.of());
        assertEquals(json.streamResponse(status), proto.tree(ProtoModel.streamResponse(status)));
        assertEquals(json.streamResponse(chunk), proto.tree(ProtoModel.streamResponse(chunk)));
        assertEquals(json.streamResponse(question), proto.tree(ProtoModel.streamResponse(question)));
    }
}
