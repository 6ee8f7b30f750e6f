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
 * @param resumed whether the task is handed back after AgentX restarted while the agent worked on it (only to an
 *        agent that declares {@link ResumesTasks}); {@code message} is then the task's last one
 */
public record AgentRequest(RequestContext context, Task task, Message message,
        SendMessageRequest.Configuration configuration, boolean streaming, boolean resumed) {

    /** A request that is not a resumption. */
    public AgentRequest(RequestContext context, Task task, Message message,
            SendMessageRequest.Configuration configuration, boolean streaming) {
        this(context, task, message, configuration, streaming, false);
    }
}
