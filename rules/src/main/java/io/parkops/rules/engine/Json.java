package io.parkops.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Field readers for the rule parsers; errors name the field. */
final class Json {

    private Json() {
    }

    static void rejectUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("field '" + prefix + name + "' is not known; known fields here are "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a JSON string");
        }
        return value.asText();
    }

    static double numberField(JsonNode node, String field) {
        return number(node.get(field), field);
    }

    static double number(JsonNode value, String where) {
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new IllegalArgumentException("field '" + where + "' must be a finite JSON number");
        }
        return value.asDouble();
    }

    /**
     * A duration: a number of seconds or a text such as {@code 30s}, {@code 10m}, {@code 1h}, {@code 500ms}
     * or ISO-8601 {@code PT10M}.
     */
    static long millis(JsonNode value, String where) {
        if (value != null && value.isNumber() && value.asDouble() >= 0) {
            return Math.round(value.asDouble() * 1000);
        }
        String text = value != null && value.isTextual() ? value.asText().trim() : "";
        try {
            if (text.startsWith("PT") || text.startsWith("pt")) {
                return java.time.Duration.parse(text).toMillis();
            }
            int split = 0;
            while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
                split++;
            }
            double amount = Double.parseDouble(text.substring(0, split));
            long unit = switch (text.substring(split)) {
                case "ms" -> 1;
                case "s", "" -> 1000;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> throw new IllegalArgumentException();
            };
            return Math.round(amount * unit);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field '" + where + "' must be a duration such as 30, \"30s\", \"10m\", "
                    + "\"1h\" or \"PT10M\", got " + value);
        }
    }
}
