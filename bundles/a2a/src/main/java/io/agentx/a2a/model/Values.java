package io.agentx.a2a.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the model's collections: never null, never mutable. */
final class Values {
    private Values() {
    }

    /** An immutable copy; a list that is already immutable is kept as it is, without copying. */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static Map<String, Object> map(Map<String, Object> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
