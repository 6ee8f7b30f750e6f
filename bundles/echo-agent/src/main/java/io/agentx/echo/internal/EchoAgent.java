package io.agentx.echo.internal;

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
import org.osgi.service.component.annotations.Component;
import java.util.List;

/**
 * Echoes the text it receives: as an artifact and as the final status message. Streaming clients get the
 * text word by word as artifact chunks. Two conventions help testing: a message starting with {@code wait}
 * keeps the task working until it is canceled, and {@code ask} asks for input; the reply completes the task.
 */
@Component
@AgentId("echo")
public final class EchoAgent implements Agent {
    private static final AgentCard CARD = new AgentCard("Echo", "Echoes the text of every message it receives.",
            List.of(), new AgentProvider("AgentX", "https://github.com/agentx"), "1.0.0", null,
            new AgentCapabilities(true, false, List.of(), false), null, null, List.of("text/plain"),
            List.of("text/plain"), List.of(new AgentSkill("echo", "Echo", "Repeats the message text back.",
                    List.of("echo", "test"), List.of("hello"), null, null, null)), null, null);

    @Override
    public AgentCard card() {
        return CARD;
    }

    @Override
    public void execute(AgentRequest request, TaskEvents events) {
        String text = request.message().text();
        if (asked(request)) {
            events.completed(events.agentMessage("Nice to meet you, " + text));
        } else if (text.startsWith("wait")) {
            events.status(TaskState.WORKING, events.agentMessage("waiting until canceled"));
        } else if (text.startsWith("count ")) {
            count(text, events);
        } else if (text.startsWith("ask")) {
            events.inputRequired(events.agentMessage("What is your name?"));
        } else if (request.streaming()) {
            events.status(TaskState.WORKING, null);
            String[] words = text.split("(?<= )");
            for (int i = 0; i < words.length; i++) {
                events.artifact(new Artifact("echo", "echo", null, List.of(Part.Text.of(words[i])), null, null),
                        i > 0, i == words.length - 1);
            }
            events.completed(events.agentMessage(text));
        } else {
            events.artifact(new Artifact("echo", "echo", null, List.of(Part.Text.of(text)), null, null), false, true);
            events.completed(events.agentMessage(text));
        }
    }

    /** {@code count N}: streams "1 ", "2 "... "N" as chunks of one artifact, one every 200 ms (N at most 100). */
    private static void count(String text, TaskEvents events) {
        int to;
        try {
            to = Integer.parseInt(text.substring("count ".length()).strip());
        } catch (NumberFormatException e) {
            events.status(TaskState.REJECTED, events.agentMessage("count needs a number from 1 to 100, not '" + text.substring("count ".length()) + "'"));
            return;
        }
        if (to < 1 || to > 100) {
            events.status(TaskState.REJECTED, events.agentMessage("count needs a number from 1 to 100, not " + to));
            return;
        }
        events.status(TaskState.WORKING, null);
        for (int i = 1; i <= to; i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            events.artifact(new Artifact("count", "count", null, List.of(Part.Text.of(i == to ? "" + i : i + " ")), null,
                    null), i > 1, i == to);
        }
        events.completed(events.agentMessage("counted to " + to));
    }

    private static boolean asked(AgentRequest request) {
        List<Message> history = request.task().history();
        return history.size() >= 2 && history.get(history.size() - 2).role() == Role.AGENT
                && request.task().status().state() == TaskState.WORKING;
    }
}
