package io.agentx.a2a.json;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.model.A2aException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid A2A JSON at random (truncation, byte flips, wrong types, huge numbers, deep nesting) and
 * checks that every decoder either succeeds or reports an {@link A2aException}: never another exception.
 */
class DecoderFuzzTest {
    private static final int ROUNDS = 20_000;
    private final A2aJson json = new A2aJson();
    private final A2aJson03 json03 = new A2aJson03(json);
    private final A2aProtoJson03 proto03 = new A2aProtoJson03(json);

    @Test
    void decodersOnlyEverFailWithProtocolErrors() throws IOException {
        String[] seeds = {read("v1/task.json"), read("v1/send-message-request.json"), read("v1/agent-card.json"),
            read("v1/status-update.json"), read("v03/message-send-params.json"), read("v03-rest/task.json"),
            read("v03-rest/send-message-request.json"), read("v03-rest/push-config.json"),
            read("v03-rest/stream-artifact-update.json")};
        Random random = new Random(42);
        int parsed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String input = mutate(seeds[random.nextInt(seeds.length)], random);
            JsonNode node;
            try {
                node = json.mapper().readTree(input);
            } catch (JsonProcessingException e) {
                continue; // malformed JSON is the transport's PARSE_ERROR
            }
            if (node == null) {
                continue;
            }
            parsed++;
            decodeAll(node, input);
        }
        if (parsed < ROUNDS / 10) {
            fail("too few mutations were valid JSON to exercise the decoders: " + parsed);
        }
    }

    private void decodeAll(JsonNode node, String input) {
        Runnable[] decoders = {
            () -> json.readTask(node, "task"),
            () -> json.readSendMessageRequest(node, "params"),
            () -> json.readCard(node, "card"),
            () -> json.readStreamResponse(node, "result"),
            () -> json.readListTasksRequest(node, "params"),
            () -> json03.readSendParams(node, "params"),
            () -> proto03.readTask(node, "task"),
            () -> proto03.readSendMessageRequest(node, "body"),
            () -> proto03.readStreamResponse(node, "event"),
            () -> proto03.readPushConfig(node, "body", null),
            () -> proto03.readPushConfigs(node, "body"),
            () -> proto03.readError(node),
        };
        for (Runnable decoder : decoders) {
            try {
                decoder.run();
            } catch (A2aException expected) {
                // a clear protocol error: fine
            } catch (RuntimeException e) {
                fail("decoder threw " + e + " for input: " + input, e);
            }
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> text.setLength(at);
                case 1 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 2 -> text.insert(at, "99999999999999999999999999999");
                case 3 -> text.insert(at, "[".repeat(random.nextInt(100)));
                case 4 -> text.insert(at, "null");
                case 5 -> text.insert(at, "\"\\ud800\"");
                case 6 -> replaceValue(text, random, "[]");
                default -> replaceValue(text, random, "{}");
            }
            if (text.length() == 0) {
                text.append("{}");
            }
        }
        return text.toString();
    }

    private static void replaceValue(StringBuilder text, Random random, String replacement) {
        int colon = text.indexOf(":", random.nextInt(text.length()));
        if (colon < 0) {
            return;
        }
        int end = colon + 1;
        while (end < text.length() && ",}]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        text.replace(colon + 1, end, replacement);
    }

    private String read(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
