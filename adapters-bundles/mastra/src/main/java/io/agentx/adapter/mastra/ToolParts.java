package io.agentx.adapter.mastra;

import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AgentX's tool call and tool result data parts ({@link FrameworkAdapter}'s convention), read as the Node SDK
 * reads them ({@code toolCallOf}, {@code toolResultOf} and {@code answeredToolCalls} of
 * sdks/node/src/frameworks/a2a.js): either marker identifies the part, a call needs a name.
 */
final class ToolParts {
    record Call(String id, String name, Object args) {
    }

    record Result(String id, String name, Object result, boolean error) {
    }

    private ToolParts() {
    }

    static Optional<Call> call(Part part) {
        if (!marked(part, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, FrameworkAdapter.TOOL_CALL)
                || !(((Part.Data) part).data() instanceof Map<?, ?> value) || !(value.get("name") instanceof String name)) {
            return Optional.empty();
        }
        Object args = value.get("args");
        return Optional.of(new Call(text(value.get("id")), name, args == null ? Map.of() : args));
    }

    static Optional<Result> result(Part part) {
        if (!marked(part, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, FrameworkAdapter.TOOL_RESULT)
                || !(((Part.Data) part).data() instanceof Map<?, ?> value)) {
            return Optional.empty();
        }
        return Optional.of(new Result(text(value.get("id")), text(value.get("name")), value.get("result"),
                Boolean.TRUE.equals(value.get("isError"))));
    }

    /**
     * Ids of the tool calls whose call and result are both in agent messages of the conversation. Only those go to
     * the model as tool calls: model providers refuse a call without its result and a result without its call.
     */
    static Set<String> answered(Iterable<Message> messages) {
        Set<String> calls = new HashSet<>();
        Set<String> results = new HashSet<>();
        for (Message message : messages) {
            if (message.role() != Role.AGENT) {
                continue;
            }
            for (Part part : message.parts()) {
                call(part).map(Call::id).ifPresent(calls::add);
                result(part).map(Result::id).ifPresent(results::add);
            }
        }
        calls.retainAll(results);
        return calls;
    }

    private static boolean marked(Part part, String mediaType, String kind) {
        return part instanceof Part.Data
                && (mediaType.equals(part.mediaType()) || kind.equals(part.metadata().get(FrameworkAdapter.KIND)));
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
