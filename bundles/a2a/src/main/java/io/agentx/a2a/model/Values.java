package io.agentx.a2a.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the model's collections: never null, never mutable. */
final class Values {
    private Values() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    static Map<String, Object> map(Map<String, Object> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
