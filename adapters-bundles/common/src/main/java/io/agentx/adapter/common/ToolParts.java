package io.agentx.adapter.common;

import io.agentx.a2a.model.Part;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AgentX's tool-call and tool-result data parts ({@link FrameworkAdapter}'s convention): recognised by their media
 * type or their {@value FrameworkAdapter#KIND} metadata, written with both.
 */
public final class ToolParts {
    private static final Set<String> CALL_FIELDS = Set.of("id", "name", "args");
    private static final Set<String> RESULT_FIELDS = Set.of("id", "name", "result", "isError");

    private ToolParts() {
    }

    public static boolean isCall(Part part) {
        return part instanceof Part.Data data && data.data() instanceof Map<?, ?>
                && (FrameworkAdapter.TOOL_CALL.equals(part.metadata().get(FrameworkAdapter.KIND))
                        || FrameworkAdapter.TOOL_CALL_MEDIA_TYPE.equals(part.mediaType()));
    }

    public static boolean isResult(Part part) {
        return part instanceof Part.Data data && data.data() instanceof Map<?, ?>
                && (FrameworkAdapter.TOOL_RESULT.equals(part.metadata().get(FrameworkAdapter.KIND))
                        || FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE.equals(part.mediaType()));
    }

    /** The value of a tool-call or tool-result part. */
    public static Map<?, ?> value(Part part) {
        return (Map<?, ?>) ((Part.Data) part).data();
    }

    /** The id of the call a tool part belongs to, or null. */
    public static String id(Part part) {
        return value(part).get("id") instanceof String id && !id.isEmpty() ? id : null;
    }

    public static Part.Data call(Map<String, Object> value) {
        return new Part.Data(value, FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null,
                Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_CALL));
    }

    public static Part.Data result(Map<String, Object> value) {
        return new Part.Data(value, FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null,
                Map.of(FrameworkAdapter.KIND, FrameworkAdapter.TOOL_RESULT));
    }

    /** What of tool part {@code index} the framework's tool call or result has no field for, as loss notes. */
    public static List<String> unCarried(Part part, int index) {
        List<String> notes = new ArrayList<>();
        boolean call = isCall(part);
        if (part.metadata().keySet().stream().anyMatch(key -> !key.equals(FrameworkAdapter.KIND))) {
            notes.add("metadata of part " + index);
        }
        Set<String> fields = call ? CALL_FIELDS : RESULT_FIELDS;
        List<String> others = value(part).keySet().stream().map(String::valueOf).filter(key -> !fields.contains(key))
                .sorted().toList();
        if (!others.isEmpty()) {
            notes.add("part " + index + ": tool " + (call ? "call" : "result") + " fields " + others);
        }
        return notes;
    }
}
