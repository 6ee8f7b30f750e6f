package io.agentx.api.adapter;

import io.agentx.a2a.model.Message;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One AI framework's dialect and hosting, registered by that framework's adapter bundle with the service property
 * {@value #FRAMEWORK} naming it ({@code langchain}, {@code mastra}…).
 *
 * <p>Conversions are lossless where both sides can express the content. What A2A has no field for travels in
 * AgentX's conventions (shared with the SDKs' framework integrations): a tool call is a data part of media type
 * {@value #TOOL_CALL_MEDIA_TYPE} whose metadata {@value #KIND} is {@value #TOOL_CALL} ({@code {"id","name","args"}});
 * a tool result one of {@value #TOOL_RESULT_MEDIA_TYPE} and kind {@value #TOOL_RESULT}
 * ({@code {"id","name","result","isError"}}); either marker identifies the part; a framework role beyond user and agent (system, tool) is kept in the
 * message metadata {@value #ROLE}. What cannot be carried either way is named in the message metadata
 * {@value #LOST} (a list of strings) — never dropped silently.
 */
@ConsumerType
public interface FrameworkAdapter {
    /** The service property naming the framework. */
    String FRAMEWORK = "agentx.framework";
    /** Part metadata: what a data part stands for. */
    String KIND = "agentx.kind";
    /** {@link #KIND} of a tool call. */
    String TOOL_CALL = "toolCall";
    /** {@link #KIND} of a tool result. */
    String TOOL_RESULT = "toolResult";
    /** Media type of a tool call's data part. */
    String TOOL_CALL_MEDIA_TYPE = "application/vnd.agentx.tool-call+json";
    /** Media type of a tool result's data part. */
    String TOOL_RESULT_MEDIA_TYPE = "application/vnd.agentx.tool-result+json";
    /** Message metadata: the framework's own role when A2A's user/agent does not say it. */
    String ROLE = "agentx.dialect.role";
    /** Message metadata: what a conversion could not carry. */
    String LOST = "agentx.dialect.lost";

    /** The framework's name, as plugin configurations and the {@value #FRAMEWORK} property give it. */
    String framework();

    /**
     * A2A messages in the framework's serialized message form, oldest first.
     *
     * @return a JSON array
     */
    String toDialect(List<Message> messages);

    /**
     * The framework's serialized messages as A2A messages.
     *
     * @param json a JSON array of the framework's messages
     * @throws IllegalArgumentException naming the element and field that is not the framework's form
     */
    List<Message> fromDialect(String json);

    /** How a script of this framework runs as an AgentX plugin. */
    PluginLaunch launch(String script);

    /**
     * For frameworks whose servers speak A2A themselves (Mastra, LangGraph's agent server, CrewAI): the card URL of
     * the agent {@code agentName} served by such a server at {@code baseUrl}, so that a remote-agent configuration
     * can name the framework, the base URL and the agent instead of the card URL.
     *
     * @return the card URL, or null when the framework's servers do not serve A2A
     */
    default String remoteCardUrl(String baseUrl, String agentName) {
        return null;
    }
}
