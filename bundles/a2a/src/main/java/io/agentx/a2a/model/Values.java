package io.agentx.a2a.model;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defensive copies for the model's collections: never null, never mutable, down to the last nested JSON object or
 * array (metadata, data parts, extension parameters), so that no holder of a model object can change what another
 * holds. A collection copied once is kept as it is when it is passed on to the next model object.
 */
final class Values {
    private Values() {
    }

    /** An immutable copy; a list that is already immutable is kept as it is, without copying. */
    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A frozen copy of a JSON object: its nested objects and arrays frozen too. */
    static Map<String, Object> map(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return values instanceof FrozenMap ? values : FrozenMap.of(values);
    }

    /** A JSON value (object, array, string, number, boolean or null) with every nested object and array frozen. */
    static Object value(Object value) {
        if (value instanceof FrozenMap || value instanceof FrozenList) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return FrozenMap.of(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(value(element)));
            return new FrozenList(copy);
        }
        return value;
    }

    /** An unmodifiable JSON object whose values are frozen too; keeps the order of its keys. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;

        private FrozenMap(Map<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        static FrozenMap of(Map<?, ?> source) {
            Map<String, Object> copy = new LinkedHashMap<>();
            source.forEach((key, value) -> copy.put(String.valueOf(key), value(value)));
            return new FrozenMap(copy);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** An unmodifiable JSON array whose elements are frozen too (nulls allowed, as JSON has them). */
    private static final class FrozenList extends AbstractList<Object> {
        private final List<Object> elements;

        private FrozenList(List<Object> elements) {
            this.elements = elements;
        }

        @Override
        public Object get(int index) {
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }
    }
}
