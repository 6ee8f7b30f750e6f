package io.agentx.conformance.internal;

import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentProvider;
import io.agentx.a2a.model.AgentSkill;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.TaskState;
import io.agentx.api.Agent;
import io.agentx.api.AgentId;
import io.agentx.api.AgentRequest;
import io.agentx.api.TaskEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;

/**
 * Behaves as the A2A TCK's scenarios ({@code a2aproject/a2a-tck}, {@code scenarios/*.feature}) expect, chosen by
 * the prefix of the incoming {@code messageId}: {@code tck-complete-task}, {@code tck-delayed-complete},
 * {@code tck-artifact-text|file|file-url|data}, {@code tck-message-response}, {@code tck-input-required},
 * {@code tck-reject-task}. Any other message completes the task. Point the TCK at
 * {@code /agents/conformance/.well-known/agent-card.json}.
 */
@Component
@AgentId("conformance")
public final class ConformanceAgent implements Agent {
    /** How long {@code tck-delayed-complete} stays working: the TCK's streaming timeout unit. */
    static final long DELAY_MILLIS = 2_000;

    private static final AgentCard CARD = new AgentCard("AgentX TCK conformance agent",
            "Behaves as the A2A TCK scenarios expect, chosen by the messageId prefix.", List.of(),
            new AgentProvider("AgentX", "https://github.com/agentx"), "1.0.0", null,
            new AgentCapabilities(true, true, List.of(), false), null, null, List.of("text/plain", "application/json"),
            List.of("text/plain", "application/json"), List.of(new AgentSkill("tck", "TCK scenarios",
                    "Responds per A2A TCK scenario prefix", List.of("tck", "conformance"), List.of("tck-complete-task"),
                    null, null, null)), null, null);

    @Override
    public AgentCard card() {
        return CARD;
    }

    @Override
    public void execute(AgentRequest request, TaskEvents events) {
        String id = request.message().messageId();
        if (id.startsWith("tck-delayed-complete")) {
            events.status(TaskState.WORKING, null);
            CompletableFuture.delayedExecutor(DELAY_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(() -> complete(events, "Done after delay"));
        } else if (id.startsWith("tck-artifact-text")) {
            events.artifact(artifact(Part.Text.of("Generated text content")), false, true);
            events.completed(null);
        } else if (id.startsWith("tck-artifact-file-url")) {
            events.artifact(artifact(new Part.Url("https://example.com/output.txt", "text/plain", "output.txt", null)),
                    false, true);
            events.completed(null);
        } else if (id.startsWith("tck-artifact-file")) {
            events.artifact(artifact(new Part.Raw("file content".getBytes(StandardCharsets.UTF_8), "text/plain",
                    "output.txt", null)), false, true);
            events.completed(null);
        } else if (id.startsWith("tck-artifact-data")) {
            events.artifact(artifact(new Part.Data(Map.of("key", "value", "count", 42), "application/json", null, null)),
                    false, true);
            events.completed(null);
        } else if (id.startsWith("tck-message-response")) {
            events.respond(new Message(UUID.randomUUID().toString(), null, null, Role.AGENT,
                    List.of(Part.Text.of("Direct message response")), null, null, null));
        } else if (id.startsWith("tck-input-required")) {
            events.inputRequired(events.agentMessage("Please provide more input"));
        } else if (id.startsWith("tck-reject-task")) {
            events.status(TaskState.REJECTED, events.agentMessage("rejected"));
        } else {
            complete(events, "Hello from TCK");
        }
    }

    private static void complete(TaskEvents events, String text) {
        try {
            events.completed(events.agentMessage(text));
        } catch (IllegalStateException canceled) {
            // canceled while delayed: nothing left to do
        }
    }

    private static Artifact artifact(Part part) {
        return new Artifact(UUID.randomUUID().toString(), "tck-artifact", null, List.of(part), null, null);
    }
}
