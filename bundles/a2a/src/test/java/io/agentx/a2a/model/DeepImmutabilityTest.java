package io.agentx.a2a.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentx.a2a.json.A2aJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a model object holds cannot be changed through it, nor through what it was built from, at any depth. */
class DeepImmutabilityTest {

    @SuppressWarnings("unchecked")
    @Test
    void nestedObjectsAndArraysOfADataPartAndOfMetadataAreFrozenCopies() {
        List<Object> tags = new ArrayList<>(Arrays.asList("a", null));
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("tags", tags));
        Map<String, Object> data = new LinkedHashMap<>(Map.of("nested", nested));
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("trace", new LinkedHashMap<>(Map.of("id", "t-1"))));
        Part.Data part = new Part.Data(data, "application/json", null, metadata);

        tags.add("changed later");
        nested.put("extra", 1);
        ((Map<String, Object>) metadata.get("trace")).put("id", "t-2");

        Map<String, Object> heldData = (Map<String, Object>) part.data();
        Map<String, Object> heldNested = (Map<String, Object>) heldData.get("nested");
        List<Object> heldTags = (List<Object>) heldNested.get("tags");
        assertEquals(Arrays.asList("a", null), heldTags, "a copy, nulls of JSON arrays kept");
        assertEquals(Map.of("tags", Arrays.asList("a", null)), heldNested);
        assertEquals("t-1", ((Map<String, Object>) part.metadata().get("trace")).get("id"));

        assertThrows(UnsupportedOperationException.class, () -> heldTags.add("x"));
        assertThrows(UnsupportedOperationException.class, () -> heldNested.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> heldData.clear());
        assertThrows(UnsupportedOperationException.class,
                () -> ((Map<String, Object>) part.metadata().get("trace")).put("id", "x"));
    }

    @Test
    void frozenMetadataIsPassedOnWithoutCopyingAndStillSerializes() {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("step", Map.of("n", 1)));
        Message first = new Message("m", "c", "t", Role.USER, List.of(Part.Text.of("hi")), metadata, null, null);
        Message second = new Message("m2", "c", "t", Role.USER, List.of(Part.Text.of("hi")), first.metadata(), null, null);
        assertSame(first.metadata(), second.metadata(), "already frozen: kept as it is");
        assertEquals(metadata, first.metadata());
        assertEquals("{\"step\":{\"n\":1}}", new A2aJson().message(first).get("metadata").toString());
    }
}
