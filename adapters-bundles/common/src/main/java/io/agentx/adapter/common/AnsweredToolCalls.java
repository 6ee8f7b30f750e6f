package io.agentx.adapter.common;

import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The ids of the tool calls an agent made whose result is in the same conversation. Only those become the
 * model's tool calls and tool messages: a call without its result, a result without its call, or a call in a
 * message that is not the assistant's is refused by the model providers the frameworks talk to, so such parts
 * travel as data instead.
 */
public final class AnsweredToolCalls {
    private final Set<String> answered;

    private AnsweredToolCalls(Set<String> answered) {
        this.answered = answered;
    }

    /** The answered calls of {@code messages}; {@code assistant} tells the messages the dialect gives that role. */
    public static AnsweredToolCalls in(List<Message> messages, Predicate<Message> assistant) {
        Set<String> calls = new HashSet<>();
        Set<String> results = new HashSet<>();
        for (Message message : messages) {
            boolean fromAssistant = assistant.test(message);
            for (Part part : message.parts()) {
                if (fromAssistant && ToolParts.isCall(part) && ToolParts.id(part) != null) {
                    calls.add(ToolParts.id(part));
                } else if (ToolParts.isResult(part) && ToolParts.id(part) != null) {
                    results.add(ToolParts.id(part));
                }
            }
        }
        calls.retainAll(results);
        return new AnsweredToolCalls(calls);
    }

    /** Whether the call a tool part belongs to has both its call and its result in the conversation. */
    public boolean answered(Part toolPart) {
        String id = ToolParts.id(toolPart);
        return id != null && answered.contains(id);
    }
}
