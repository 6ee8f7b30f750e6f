package io.agentx.adapter.autogen;

import io.agentx.a2a.model.Part;
import io.agentx.adapter.common.ToolParts;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.Map;

/** What an A2A part is to AutoGen: which AutoGen content can hold it. */
enum PartKind {
    /** A tool call ({@value FrameworkAdapter#TOOL_CALL_MEDIA_TYPE}): a {@code FunctionCall}. */
    TOOL_CALL,
    /** A tool result ({@value FrameworkAdapter#TOOL_RESULT_MEDIA_TYPE}): a {@code FunctionExecutionResult}. */
    TOOL_RESULT,
    /** Text: a string of content. */
    TEXT,
    /** Inline image bytes: an {@code Image} of a {@code MultiModalMessage}. */
    IMAGE,
    /** A JSON object: a {@code StructuredMessage}'s content. */
    STRUCTURED,
    /** AutoGen content A2A has no part for, carried as data ({@value Conventions#AUTOGEN_CONTENT}). */
    AUTOGEN_CONTENT,
    /** Anything else (URLs, files, other data): no AutoGen content holds it. */
    OTHER;

    static PartKind of(Part part) {
        Object kind = part.metadata().get(FrameworkAdapter.KIND);
        if (part instanceof Part.Text) {
            return TEXT;
        }
        if (part instanceof Part.Raw raw) {
            String type = raw.mediaType();
            return type != null && type.startsWith("image/") && !type.startsWith("image/svg") ? IMAGE : OTHER;
        }
        if (!(part instanceof Part.Data data)) {
            return OTHER;
        }
        if (ToolParts.isCall(part)) {
            return TOOL_CALL;
        }
        if (ToolParts.isResult(part)) {
            return TOOL_RESULT;
        }
        if (Conventions.AUTOGEN_CONTENT.equals(kind)) {
            return AUTOGEN_CONTENT;
        }
        boolean object = data.data() instanceof Map;
        boolean json = data.mediaType() == null || data.mediaType().equals("application/json");
        return object && json && kind == null ? STRUCTURED : OTHER;
    }
}
