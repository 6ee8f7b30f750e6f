package io.agentx.bench;

import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.api.adapter.FrameworkAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What converting one message costs each framework adapter, both ways, over a six-message conversation of the
 * kinds agents exchange: a system prompt, a question, a tool call, its result, an answer with text and data, and
 * a follow-up with an image. Results are per message ({@link OperationsPerInvocation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConversionBenchmark {
    private static final int MESSAGES = 6;
    private static final Map<String, String> ADAPTERS = Map.of(
            "langchain", "io.agentx.adapter.langchain.LangChainAdapter",
            "langgraph", "io.agentx.adapter.langgraph.LangGraphAdapter",
            "mastra", "io.agentx.adapter.mastra.MastraAdapter",
            "autogen", "io.agentx.adapter.autogen.AutoGenAdapter",
            "crewai", "io.agentx.adapter.crewai.CrewAiAdapter",
            "semantic-kernel", "io.agentx.adapter.semantickernel.SemanticKernelAdapter");

    @Param({"langchain", "langgraph", "mastra", "autogen", "crewai", "semantic-kernel"})
    public String framework;

    private FrameworkAdapter adapter;
    private List<Message> conversation;
    private String dialect;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        adapter = (FrameworkAdapter) Class.forName(ADAPTERS.get(framework)).getConstructor().newInstance();
        conversation = conversation();
        dialect = adapter.toDialect(conversation);
        if (adapter.fromDialect(dialect).size() < MESSAGES - 1) {
            throw new IllegalStateException(framework + " lost messages: " + dialect);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public String toFramework() {
        return adapter.toDialect(conversation);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public List<Message> fromFramework() {
        return adapter.fromDialect(dialect);
    }

    static List<Message> conversation() {
        String context = "ctx-1";
        Map<String, Object> call = Map.of("id", "call-1", "name", "weather", "args", Map.of("city", "Lyon"));
        Map<String, Object> result = Map.of("id", "call-1", "name", "weather", "result", "sunny, 24 degrees",
                "isError", false);
        byte[] png = new byte[2048];
        return List.of(
                new Message("m1", context, null, Role.USER, List.of(Part.Text.of("You report the weather briefly.")),
                        Map.of(FrameworkAdapter.ROLE, "system"), null, null),
                new Message("m2", context, null, Role.USER, List.of(Part.Text.of("How is the weather in Lyon today?")),
                        Map.of(), null, null),
                new Message("m3", context, "t1", Role.AGENT, List.of(new Part.Data(call,
                        FrameworkAdapter.TOOL_CALL_MEDIA_TYPE, null, Map.of())), Map.of(), null, null),
                new Message("m4", context, "t1", Role.AGENT, List.of(new Part.Data(result,
                        FrameworkAdapter.TOOL_RESULT_MEDIA_TYPE, null, Map.of())), Map.of(), null, null),
                new Message("m5", context, "t1", Role.AGENT, List.of(Part.Text.of("It is sunny and 24 degrees in Lyon."),
                        new Part.Data(Map.of("temperature", 24, "sky", "clear"), "application/json", null, Map.of())),
                        Map.of(), null, null),
                new Message("m6", context, "t1", Role.USER, List.of(Part.Text.of("And this picture?"),
                        new Part.Raw(png, "image/png", "sky.png", Map.of())), Map.of(), null, null));
    }
}
