package io.agentx.adapter.autogen;

import io.agentx.a2a.model.Part;
import java.util.List;
import java.util.Set;

/**
 * AgentChat's message types ({@code autogen_agentchat/messages.py}) and the one an A2A message maps to when its
 * metadata names none ({@code autogen.type}): chosen from its parts, so that only a type the parts do not imply
 * needs naming.
 */
final class AutoGenTypes {
    static final String TEXT = "TextMessage";
    static final String MULTI_MODAL = "MultiModalMessage";
    static final String STRUCTURED = "StructuredMessage";
    static final String TOOL_CALL_REQUEST = "ToolCallRequestEvent";
    static final String TOOL_CALL_EXECUTION = "ToolCallExecutionEvent";
    static final String TOOL_CALL_SUMMARY = "ToolCallSummaryMessage";

    /** Types whose content is a string. */
    private static final Set<String> TEXT_CONTENT = Set.of(TEXT, TOOL_CALL_SUMMARY, "StopMessage", "HandoffMessage",
            "ThoughtEvent", "ModelClientStreamingChunkEvent", "CodeGenerationEvent", "SelectorEvent");

    private AutoGenTypes() {
    }

    /** Whether the type's content is a string ({@code BaseTextChatMessage} and the text events). */
    static boolean hasTextContent(String type) {
        return TEXT_CONTENT.contains(type);
    }

    /** Structured messages are typed by their content model: {@code StructuredMessage[Forecast]}. */
    static boolean isStructured(String type) {
        return type.equals(STRUCTURED) || type.startsWith(STRUCTURED + "[");
    }

    /**
     * Tool calls and their results → a summary, tool calls → a request event, results → an execution event;
     * images or several texts → a multimodal message; a lone JSON object → a structured message; else text.
     */
    static String implied(List<Part> parts) {
        boolean calls = false;
        boolean results = false;
        int texts = 0;
        int images = 0;
        int structured = 0;
        for (Part part : parts) {
            switch (PartKind.of(part)) {
                case TOOL_CALL -> calls = true;
                case TOOL_RESULT -> results = true;
                case TEXT -> texts++;
                case IMAGE -> images++;
                case STRUCTURED -> structured++;
                default -> {
                }
            }
        }
        if (calls || results) {
            return calls && results ? TOOL_CALL_SUMMARY : calls ? TOOL_CALL_REQUEST : TOOL_CALL_EXECUTION;
        }
        if (images > 0 || texts > 1) {
            return MULTI_MODAL;
        }
        return structured == 1 && texts == 0 ? STRUCTURED : TEXT;
    }
}
