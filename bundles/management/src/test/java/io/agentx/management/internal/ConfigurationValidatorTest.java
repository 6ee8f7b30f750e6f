package io.agentx.management.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigurationValidatorTest {

    private static final ObjectClassDefinition OCD = new Ocd(List.of(
            new Ad("port", AttributeDefinition.INTEGER, 0, null),
            new Ad("enabled", AttributeDefinition.BOOLEAN, 0, null),
            new Ad("mode", AttributeDefinition.STRING, 0, new String[] {"fast", "safe"}),
            new Ad("hosts", AttributeDefinition.STRING, Integer.MAX_VALUE, null)));

    @Test
    void convertsStringsAndJsonValuesToDeclaredTypes() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("port", "8080");
        input.put("enabled", true);
        input.put("mode", "safe");
        input.put("hosts", List.of("a", "b"));
        input.put("service.pid", "x");
        input.put("store.target", "(name=h2)");
        ConfigurationValidator.Result result = ConfigurationValidator.validate(OCD, input);
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(8080, result.properties().get("port"));
        assertEquals(Boolean.TRUE, result.properties().get("enabled"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) result.properties().get("hosts"));
        assertEquals("(name=h2)", result.properties().get("store.target"));
    }

    @Test
    void namesEveryWrongPropertyAndWhatWasExpected() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("port", "eighty");
        input.put("enabled", "maybe");
        input.put("mode", "reckless");
        input.put("colour", "red");
        input.put("hosts", 3);
        ConfigurationValidator.Result result = ConfigurationValidator.validate(OCD, input);
        Map<String, String> errors = new LinkedHashMap<>();
        result.errors().forEach(error -> errors.put(error.property(), error.message()));
        assertEquals("expected an integer (32-bit), got 'eighty'", errors.get("port"));
        assertEquals("expected true or false, got 'maybe'", errors.get("enabled"));
        assertEquals("expected one of fast, safe, got 'reckless'", errors.get("mode"));
        assertTrue(errors.get("colour").startsWith("unknown property"), errors.get("colour"));
        assertEquals("expected a string, got 3", errors.get("hosts"));
        assertEquals(5, errors.size());
    }

    @Test
    void rejectsOutOfRangeIntegersFromJson() {
        ConfigurationValidator.Result result = ConfigurationValidator.validate(OCD, Map.of("port", 1L << 40));
        assertEquals("port", result.errors().get(0).property());
    }

    private record Ad(String id, int type, int cardinality, String[] options) implements AttributeDefinition {
        public String getName() { return id; }
        public String getID() { return id; }
        public String getDescription() { return ""; }
        public int getCardinality() { return cardinality; }
        public int getType() { return type; }
        public String[] getOptionValues() { return options; }
        public String[] getOptionLabels() { return options; }
        public String validate(String value) { return null; }
        public String[] getDefaultValue() { return null; }
    }

    private record Ocd(List<Ad> attributes) implements ObjectClassDefinition {
        public String getName() { return "test"; }
        public String getID() { return "test.pid"; }
        public String getDescription() { return ""; }
        public AttributeDefinition[] getAttributeDefinitions(int filter) { return attributes.toArray(AttributeDefinition[]::new); }
        public InputStream getIcon(int size) { return null; }
    }
}
