package io.agentx.management.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks configuration properties against a metatype description and converts them to the declared types.
 * Every wrong property is reported with what was expected; framework-managed keys pass through untouched.
 */
final class ConfigurationValidator {

    /** The typed properties, or the errors that make them unacceptable. */
    record Result(Hashtable<String, Object> properties, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private ConfigurationValidator() {
    }

    static Result validate(ObjectClassDefinition ocd, Map<String, ?> input) {
        Map<String, AttributeDefinition> definitions = new java.util.LinkedHashMap<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition definition : all == null ? new AttributeDefinition[0] : all) {
            definitions.put(definition.getID(), definition);
        }
        Hashtable<String, Object> typed = new Hashtable<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, ?> entry : input.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            if (isFrameworkKey(key)) {
                typed.put(key, value);
                continue;
            }
            AttributeDefinition definition = definitions.get(key);
            if (definition == null) {
                errors.add(new FieldError(key, "unknown property; " + ocd.getID() + " accepts " + known(definitions.keySet())));
                continue;
            }
            try {
                typed.put(key, convert(definition, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(key, e.getMessage()));
            }
        }
        return new Result(typed, errors);
    }

    static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith(".") || key.endsWith(".target");
    }

    private static Object convert(AttributeDefinition definition, Object value) {
        if (definition.getCardinality() == 0) {
            if (value instanceof Collection<?> || value.getClass().isArray()) {
                throw new IllegalArgumentException("expected a single " + expected(definition) + ", got a list");
            }
            return convertOne(definition, value);
        }
        List<Object> values = value instanceof Collection<?> collection ? new ArrayList<>(collection)
                : value.getClass().isArray() ? arrayToList(value) : List.of(value);
        int limit = Math.abs(definition.getCardinality());
        if (limit != Integer.MAX_VALUE && values.size() > limit) {
            throw new IllegalArgumentException("expected at most " + limit + " values, got " + values.size());
        }
        Object array = Array.newInstance(javaType(definition.getType()), values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, convertOne(definition, values.get(i)));
        }
        return array;
    }

    private static Object convertOne(AttributeDefinition definition, Object value) {
        Object converted;
        try {
            converted = parse(definition.getType(), value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected " + expected(definition) + ", got " + show(value));
        }
        String[] options = definition.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(String.valueOf(converted))) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", options) + ", got " + show(value));
        }
        String problem = definition.validate(String.valueOf(converted));
        if (problem != null && !problem.isEmpty()) {
            throw new IllegalArgumentException(problem + " (expected " + expected(definition) + ", got " + show(value) + ")");
        }
        return converted;
    }

    private static Object parse(int type, Object value) {
        String text = value instanceof String string ? string.trim() : null;
        return switch (type) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> {
                if (!(value instanceof String string)) {
                    throw new IllegalArgumentException();
                }
                yield string;
            }
            case AttributeDefinition.INTEGER -> text != null ? Integer.valueOf(text) : Math.toIntExact(integral(value));
            case AttributeDefinition.LONG -> text != null ? Long.valueOf(text) : integral(value);
            case AttributeDefinition.SHORT -> text != null ? Short.valueOf(text) : narrowShort(integral(value));
            case AttributeDefinition.BYTE -> text != null ? Byte.valueOf(text) : narrowByte(integral(value));
            case AttributeDefinition.DOUBLE -> text != null ? Double.valueOf(text) : ((Number) value).doubleValue();
            case AttributeDefinition.FLOAT -> text != null ? Float.valueOf(text) : ((Number) value).floatValue();
            case AttributeDefinition.BOOLEAN -> {
                if (value instanceof Boolean bool) {
                    yield bool;
                }
                if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                    yield Boolean.valueOf(text);
                }
                throw new IllegalArgumentException();
            }
            case AttributeDefinition.CHARACTER -> {
                if (text == null || text.length() != 1) {
                    throw new IllegalArgumentException();
                }
                yield text.charAt(0);
            }
            default -> value;
        };
    }

    private static long integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException();
    }

    private static short narrowShort(long value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException();
        }
        return (short) value;
    }

    private static byte narrowByte(long value) {
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw new IllegalArgumentException();
        }
        return (byte) value;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    static String expected(AttributeDefinition definition) {
        String type = switch (definition.getType()) {
            case AttributeDefinition.INTEGER -> "an integer (32-bit)";
            case AttributeDefinition.LONG -> "an integer (64-bit)";
            case AttributeDefinition.SHORT -> "an integer (16-bit)";
            case AttributeDefinition.BYTE -> "an integer (8-bit)";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.BOOLEAN -> "true or false";
            case AttributeDefinition.CHARACTER -> "a single character";
            default -> "a string";
        };
        String[] options = definition.getOptionValues();
        if (options != null && options.length > 0) {
            type += " out of " + String.join(", ", options);
        }
        return type;
    }

    private static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String known(Set<String> keys) {
        return keys.isEmpty() ? "no properties" : String.join(", ", new TreeSet<>(keys));
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            values.add(Array.get(array, i));
        }
        return values;
    }
}
