package io.agentx.api;

import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;

/**
 * One piece of work for an agent.
 *
 * @param context who asks
 * @param task the task as it stands, the new message already in its history
 * @param message the message to act on (for a cancellation, the last message)
 * @param configuration what the client asked for (output modes, history length…)
 * @param streaming whether the client reads a stream, so incremental output (artifact chunks) reaches it
 */
public record AgentRequest(RequestContext context, Task task, Message message,
        SendMessageRequest.Configuration configuration, boolean streaming) {
}
