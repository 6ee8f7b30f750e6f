package io.agentx.grpc.internal.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.TaskEvents;
import io.agentx.grpc.a2a.v1.Part;
import io.agentx.grpc.a2a.v1.Role;
import io.agentx.grpc.a2a.v1.TaskStatus;
import io.agentx.grpc.internal.a2a.ProtoJson;
import io.agentx.grpc.internal.a2a.ProtoReader;
import io.agentx.grpc.plugin.v1.ArtifactChunk;
import io.agentx.grpc.plugin.v1.TaskEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a plugin reports reaches the task as it would from an in-kernel agent, and nonsense is refused by name. */
class EventApplierTest {
    private final EventApplier applier = new EventApplier(new ProtoReader(new ProtoJson(new A2aJson())));
    private final Recorder task = new Recorder();

    @Test
    void aStatusWithAMessageIsPlacedInTheTaskAndEndsTheTurnWhenFinal() {
        io.agentx.grpc.a2a.v1.Message said = io.agentx.grpc.a2a.v1.Message.newBuilder().setMessageId("p1")
                .setRole(Role.ROLE_AGENT).addParts(Part.newBuilder().setText("working on it")).build();
        assertFalse(applier.apply(status(TaskStatus.newBuilder().setStateValue(2).setMessage(said)), task));
        assertTrue(applier.apply(status(TaskStatus.newBuilder().setStateValue(3)), task));
        assertEquals(List.of("WORKING:working on it@t1/c1", "COMPLETED:null"), task.calls);
    }

    @Test
    void artifactsAndRepliesPassThrough() {
        TaskEvent chunk = TaskEvent.newBuilder().setTaskId("t1").setArtifact(ArtifactChunk.newBuilder().setArtifact(
                io.agentx.grpc.a2a.v1.Artifact.newBuilder().setArtifactId("a1").addParts(Part.newBuilder().setText("x")))
                .setAppend(true).setLastChunk(true)).build();
        assertFalse(applier.apply(chunk, task));
        assertTrue(applier.apply(TaskEvent.newBuilder().setTaskId("t1").setReply(io.agentx.grpc.a2a.v1.Message.newBuilder()
                .setMessageId("r1").setRole(Role.ROLE_AGENT).addParts(Part.newBuilder().setText("hi"))).build(), task));
        assertEquals(List.of("artifact a1 append=true last=true", "reply:hi"), task.calls);
    }

    @Test
    void malformedEventsAreRefusedNamingTheField() {
        A2aException state = assertThrows(A2aException.class, () -> applier.apply(status(TaskStatus.newBuilder()), task));
        assertTrue(state.getMessage().startsWith("event.status.state"), state.getMessage());
        A2aException parts = assertThrows(A2aException.class, () -> applier.apply(status(TaskStatus.newBuilder()
                .setStateValue(2).setMessage(io.agentx.grpc.a2a.v1.Message.newBuilder().setMessageId("p")
                        .setRole(Role.ROLE_AGENT))), task));
        assertTrue(parts.getMessage().startsWith("event.status.message.parts"), parts.getMessage());
        A2aException empty = assertThrows(A2aException.class, () -> applier.apply(TaskEvent.newBuilder()
                .setTaskId("t1").build(), task));
        assertTrue(empty.getMessage().startsWith("event:"), empty.getMessage());
        assertEquals(List.of(), task.calls);
    }

    private static TaskEvent status(TaskStatus.Builder status) {
        return TaskEvent.newBuilder().setTaskId("t1").setStatus(status).build();
    }

    /** Records what reaches the task. */
    private static final class Recorder implements TaskEvents {
        final List<String> calls = new ArrayList<>();

        @Override
        public String taskId() {
            return "t1";
        }

        @Override
        public String contextId() {
            return "c1";
        }

        @Override
        public void status(TaskState state, Message message) {
            calls.add(state + ":" + (message == null ? null : message.text() + "@" + message.taskId() + "/" + message.contextId()));
        }

        @Override
        public void artifact(Artifact artifact, boolean append, boolean lastChunk) {
            calls.add("artifact " + artifact.artifactId() + " append=" + append + " last=" + lastChunk);
        }

        @Override
        public void failed(String reason) {
            calls.add("failed:" + reason);
        }

        @Override
        public void respond(Message message) {
            calls.add("reply:" + message.text());
        }

        @Override
        public Message agentMessage(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void annotate(java.util.Map<String, Object> metadata) {
            throw new UnsupportedOperationException();
        }
    }
}
