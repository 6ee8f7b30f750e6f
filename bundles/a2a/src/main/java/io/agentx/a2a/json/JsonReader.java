package io.agentx.a2a.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.a2a.model.A2aException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Reads typed fields out of a JSON object, naming the field's path in every error. */
final class JsonReader {
    private final ObjectMapper mapper;

    JsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw A2aException.invalid(path, "must be a JSON object");
        }
        return node;
    }

    String text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw A2aException.invalid(path + "." + field, "must be a string");
        }
        return value.textValue();
    }

    String requiredText(JsonNode parent, String field, String path) {
        String value = text(parent, field, path);
        if (value == null || value.isEmpty()) {
            throw A2aException.invalid(path + "." + field, "is required");
        }
        return value;
    }

    boolean bool(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw A2aException.invalid(path + "." + field, "must be true or false");
        }
        return value.booleanValue();
    }

    Integer integer(JsonNode parent, String field, String path, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && value.textValue().matches("-?\\d{1,10}")) {
            number = Long.parseLong(value.textValue());
        } else {
            throw A2aException.invalid(path + "." + field, "must be an integer");
        }
        if (number < min || number > max) {
            throw A2aException.invalid(path + "." + field, "must be between " + min + " and " + max + ", got " + number);
        }
        return (int) number;
    }

    Instant instant(JsonNode parent, String field, String path) {
        String value = text(parent, field, path);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw A2aException.invalid(path + "." + field, "must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z");
        }
    }

    List<String> strings(JsonNode parent, String field, String path) {
        return list(parent, field, path, (node, itemPath) -> {
            if (!node.isTextual()) {
                throw A2aException.invalid(itemPath, "must be a string");
            }
            return node.textValue();
        });
    }

    <T> List<T> list(JsonNode parent, String field, String path, BiFunction<JsonNode, String, T> item) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw A2aException.invalid(path + "." + field, "must be a list");
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(item.apply(value.get(i), path + "." + field + "[" + i + "]"));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw A2aException.invalid(path + "." + field, "must be a JSON object");
        }
        return mapper.convertValue(value, Map.class);
    }

    /** A list of JSON objects, each as a map. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(JsonNode parent, String field, String path) {
        return list(parent, field, path, (node, itemPath) -> {
            if (!node.isObject()) {
                throw A2aException.invalid(itemPath, "must be a JSON object");
            }
            return (Map<String, Object>) mapper.convertValue(node, Map.class);
        });
    }

    Object any(JsonNode value) {
        return mapper.convertValue(value, Object.class);
    }

    <E extends Enum<E>> E enumValue(JsonNode parent, String field, String path, Class<E> type, String prefix) {
        String value = text(parent, field, path);
        if (value == null) {
            return null;
        }
        String name = value.startsWith(prefix) ? value.substring(prefix.length()) : value;
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(prefix).append(constant.name());
            }
            throw A2aException.invalid(path + "." + field, "must be one of " + known + ", got '" + value + "'");
        }
    }
}
