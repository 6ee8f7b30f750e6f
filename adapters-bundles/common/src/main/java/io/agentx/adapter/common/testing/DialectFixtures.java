package io.agentx.adapter.common.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.Message;
import io.agentx.api.adapter.FrameworkAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the adapters' golden-fixture tests share: fixture files from the test class path, and A2A messages read from
 * and written to their JSON form, and the malformed inputs that the robustness tests give an adapter's
 * {@code fromDialect} ({@link #mutants}). For tests only (no bundle embeds this package).
 */
public final class DialectFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final A2aJson A2A = new A2aJson();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a refusal of input that is not even an array of messages may say instead of naming an element. */
    private static final Pattern NAMES_WHAT_WAS_EXPECTED = Pattern.compile("(?i)\\bexpected\\b|^not JSON\\b");

    private DialectFixtures() {
    }

    /** The JSON of the class-path resource {@code name}. */
    public static JsonNode fixture(String name) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no fixture " + name + " on the class path");
            }
            return JSON.readTree(in);
        }
    }

    /** A JSON array of A2A messages (ProtoJSON form) as messages. */
    public static List<Message> messages(JsonNode array) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(A2A.readMessage(array.get(i), "a2a[" + i + "]"));
        }
        return messages;
    }

    /** Messages in their ProtoJSON form, to compare with a fixture. */
    public static JsonNode json(List<Message> messages) {
        ArrayNode array = JSON.createArrayNode();
        messages.forEach(message -> array.add(A2A.message(message)));
        return array;
    }

    /**
     * One malformed input: {@code json} is the text given to {@code fromDialect}; {@code what} says what was changed
     * ({@code [2].data.content = null}, {@code [0].id removed}, {@code top level: not JSON}…); {@code element} is
     * whether the input is still a JSON array of elements, so that a refusal must name one ({@code [i]…}).
     */
    public record Mutant(String what, String json, boolean element) {
        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * The dialect (a JSON array of the framework's messages) of every case of the fixtures {@code files}, by case
     * name: the value of {@code key} of each case, a single message (as the "framework wrote it itself" fixtures
     * hold them) wrapped in an array. Names repeated across files are told apart by the file's name.
     */
    public static Map<String, JsonNode> dialects(String key, String... files) throws IOException {
        Map<String, JsonNode> dialects = new LinkedHashMap<>();
        for (String file : files) {
            for (JsonNode fixture : fixture(file)) {
                JsonNode dialect = fixture.get(key);
                if (dialect == null) {
                    throw new IOException(file + ": a case without '" + key + "'");
                }
                String name = fixture.path("name").asText("case " + dialects.size());
                dialects.put(dialects.containsKey(name) ? file + ": " + name : name,
                        dialect.isArray() ? dialect : JSON.createArrayNode().add(dialect));
            }
        }
        return dialects;
    }

    /**
     * Malformed variants of a golden dialect (a JSON array of messages), deterministic and in document order: the
     * value of every object field at every depth — and of every array element, the messages themselves included, and
     * inside strings that hold a JSON object or array (AgentX's carriers, tool arguments) — replaced by null, a
     * number, a string, a boolean, an empty array and an empty object in turn, and the field (element) removed; a
     * replacement equal to the value is left out. Then the top level as an object (the first message without its
     * array, and another object), a string, an array of numbers, an array holding null, empty text, JSON null, text
     * that is not JSON and JSON cut short.
     */
    public static List<Mutant> mutants(JsonNode golden) {
        List<Mutant> mutants = new ArrayList<>();
        Map<List<JsonPointer>, String> places = new LinkedHashMap<>();
        places(golden, List.of(), JsonPointer.empty(), "", places);
        List<JsonNode> replacements = List.of(NODES.nullNode(), NODES.numberNode(42), NODES.textNode("x"),
                NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode());
        for (Map.Entry<List<JsonPointer>, String> place : places.entrySet()) {
            List<JsonPointer> pointers = place.getKey();
            for (JsonNode replacement : replacements) {
                if (!replacement.equals(at(golden, pointers))) {
                    mutants.add(new Mutant(place.getValue() + " = " + replacement,
                            mutated(golden, pointers, replacement).toString(), golden.isArray()));
                }
            }
            mutants.add(new Mutant(place.getValue() + " removed", mutated(golden, pointers, null).toString(),
                    golden.isArray()));
        }
        JsonNode first = golden.path(0);
        if (first.isObject()) {
            mutants.add(new Mutant("top level: the first message, not in an array", first.toString(), false));
        }
        mutants.add(new Mutant("top level: an object", "{\"type\":\"x\",\"messages\":[]}", false));
        mutants.add(new Mutant("top level: a string", NODES.textNode(golden.toString()).toString(), false));
        mutants.add(new Mutant("top level: an array of numbers", "[1,2,3]", true));
        mutants.add(new Mutant("top level: an array holding null", "[null]", true));
        mutants.add(new Mutant("top level: empty text", "", false));
        mutants.add(new Mutant("top level: JSON null", "null", false));
        mutants.add(new Mutant("top level: not JSON", "not json", false));
        mutants.add(new Mutant("top level: cut short", golden.toString().substring(0, golden.toString().length() / 2),
                false));
        return mutants;
    }

    /**
     * What is wrong with {@code adapter}'s answer to {@code mutant}, or null when it is right: either messages,
     * which {@code toDialect} converts back (and which have their A2A JSON form), or an
     * {@link IllegalArgumentException} (exactly that class) with a message naming the element ({@code [i]…}), or,
     * for input that is not an array of elements, naming what was expected.
     */
    public static String problem(FrameworkAdapter adapter, Mutant mutant) {
        List<Message> messages;
        try {
            messages = adapter.fromDialect(mutant.json());
        } catch (RuntimeException e) {
            if (e.getClass() != IllegalArgumentException.class) {
                return mutant + ": fromDialect threw " + thrown(e);
            }
            String message = e.getMessage();
            if (message == null || message.isBlank()) {
                return mutant + ": refused without saying why";
            }
            if (!message.startsWith("[") && (mutant.element() || !NAMES_WHAT_WAS_EXPECTED.matcher(message).find())) {
                return mutant + ": refused, but the message names no element: " + thrown(e);
            }
            return null;
        }
        if (messages == null) {
            return mutant + ": fromDialect returned null";
        }
        try {
            json(messages);
        } catch (RuntimeException e) {
            return mutant + ": converted to messages that have no A2A JSON form: " + thrown(e);
        }
        try {
            adapter.toDialect(messages);
        } catch (RuntimeException e) {
            return mutant + ": converted, but toDialect of the messages threw " + thrown(e);
        }
        return null;
    }

    private static String thrown(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e + (trace.length > 0 ? " at " + trace[0] : "");
    }

    /**
     * The value at a place: {@code pointers} leads to it through the JSON held by strings, each pointer after the
     * first pointing into the JSON text at the one before.
     */
    private static JsonNode at(JsonNode root, List<JsonPointer> pointers) {
        JsonNode value = root.at(pointers.get(0));
        return pointers.size() == 1 ? value : at(embedded(value.asText()), pointers.subList(1, pointers.size()));
    }

    /** A copy of {@code root} with the value at a place replaced by {@code replacement}, or removed (null). */
    private static JsonNode mutated(JsonNode root, List<JsonPointer> pointers, JsonNode replacement) {
        JsonNode copy = root.deepCopy();
        JsonPointer pointer = pointers.get(0);
        if (pointers.size() > 1) {
            replacement = NODES.textNode(mutated(embedded(copy.at(pointer).asText()),
                    pointers.subList(1, pointers.size()), replacement).toString());
        }
        JsonNode parent = copy.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            String name = pointer.last().getMatchingProperty();
            if (replacement == null) {
                object.remove(name);
            } else {
                object.set(name, replacement);
            }
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = pointer.last().getMatchingIndex();
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
        return copy;
    }

    /**
     * Every place in {@code node} (at {@code at} in the JSON text that {@code outer} leads to): each object field and
     * array element, parents before their children, and the places in a string that holds a JSON object or array;
     * with its name as the adapters name places ({@code [0].data.content[1].text}; {@code <json>} where JSON text
     * begins).
     */
    private static void places(JsonNode node, List<JsonPointer> outer, JsonPointer at, String path,
            Map<List<JsonPointer>, String> places) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                place(node.get(name), outer, at.appendProperty(name), path + "." + name, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                place(node.get(i), outer, at.appendIndex(i), path + "[" + i + "]", places);
            }
        } else if (node.isTextual() && embedded(node.asText()) != null) {
            List<JsonPointer> inner = new ArrayList<>(outer);
            inner.add(at);
            places(embedded(node.asText()), inner, JsonPointer.empty(), path + "<json>", places);
        }
    }

    private static void place(JsonNode value, List<JsonPointer> outer, JsonPointer at, String path,
            Map<List<JsonPointer>, String> places) {
        List<JsonPointer> pointers = new ArrayList<>(outer);
        pointers.add(at);
        places.put(List.copyOf(pointers), path);
        places(value, outer, at, path, places);
    }

    /** The JSON object or array {@code text} holds, or null when it holds none. */
    private static JsonNode embedded(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return null;
        }
        try {
            JsonNode parsed = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return parsed != null && parsed.isContainerNode() ? parsed : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
