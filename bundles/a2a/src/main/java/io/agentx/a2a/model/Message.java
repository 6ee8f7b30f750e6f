package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/**
 * One turn of communication between a client and an agent.
 *
 * @param messageId unique id of this message, set by its sender
 * @param contextId the conversation it belongs to, or {@code null}
 * @param taskId the task it belongs to, or {@code null}
 * @param role who sent it
 * @param parts its content, at least one part
 * @param metadata extension metadata
 * @param extensions URIs of the extensions it uses
 * @param referenceTaskIds tasks it refers to
 */
public record Message(String messageId, String contextId, String taskId, Role role, List<Part> parts,
        Map<String, Object> metadata, List<String> extensions, List<String> referenceTaskIds) implements StreamEvent {

    public Message {
        parts = Values.list(parts);
        metadata = Values.map(metadata);
        extensions = Values.list(extensions);
        referenceTaskIds = Values.list(referenceTaskIds);
    }

    /** A message of the given role with only text. */
    public static Message text(String messageId, Role role, String text) {
        return new Message(messageId, null, null, role, List.of(Part.Text.of(text)), null, null, null);
    }

    /** The same message placed in a task and context. */
    public Message withTask(String newTaskId, String newContextId) {
        return new Message(messageId, newContextId, newTaskId, role, parts, metadata, extensions, referenceTaskIds);
    }

    /** All text parts joined with newlines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Part.Text t) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
