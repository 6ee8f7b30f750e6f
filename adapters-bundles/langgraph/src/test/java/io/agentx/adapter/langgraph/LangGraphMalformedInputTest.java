package io.agentx.adapter.langgraph;

import static io.agentx.adapter.common.testing.DialectFixtures.dialects;
import static io.agentx.adapter.common.testing.DialectFixtures.mutants;
import static io.agentx.adapter.common.testing.DialectFixtures.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.adapter.common.testing.DialectFixtures.Mutant;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code fromDialect} of any input either gives messages, which {@code toDialect} converts back, or refuses it
 * with an {@link IllegalArgumentException} naming the element and field ({@code [2].content: expected …}) — never
 * another exception. The inputs are the mutants of every golden case ({@link io.agentx.adapter.common.testing
 * .DialectFixtures#mutants}); each case's test names how many it tried.
 */
class LangGraphMalformedInputTest {
    private final LangGraphAdapter adapter = new LangGraphAdapter();

    @TestFactory
    Stream<DynamicTest> everyMutantOfTheGoldenCasesIsConvertedOrRefusedNamingWhere() throws IOException {
        Map<String, JsonNode> golden = dialects("langgraph", "langgraph-dialect.json", "langgraph-server-output.json");
        int[] tried = {0};
        Stream<DynamicTest> cases = golden.entrySet().stream().map(goldenCase -> {
            List<Mutant> mutants = mutants(goldenCase.getValue());
            tried[0] += mutants.size();
            return dynamicTest(goldenCase.getKey() + ": " + mutants.size() + " mutants", () -> {
                List<String> problems = mutants.stream().map(mutant -> problem(adapter, mutant))
                        .filter(Objects::nonNull).toList();
                assertTrue(problems.isEmpty(), problems.size() + " of " + mutants.size() + " mutants of '"
                        + goldenCase.getKey() + "' were neither converted nor refused naming where:\n"
                        + String.join("\n", problems));
            });
        }).toList().stream();
        return Stream.concat(cases, Stream.of(dynamicTest("in all: " + tried[0] + " mutants of " + golden.size()
                + " golden cases", () -> assertTrue(tried[0] > 50 * golden.size(), tried[0] + " mutants tried"))));
    }
}
