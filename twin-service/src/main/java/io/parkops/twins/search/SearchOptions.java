package io.parkops.twins.search;

import io.parkops.twins.store.TwinException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Ditto's search {@code option} parameter: {@code size(n)}, {@code cursor(c)} and
 * {@code sort(+a,-b)}. A cursor is the opaque position after the last item of the previous page.
 */
public record SearchOptions(int size, int offset, List<SortKey> sort) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 200;

    /** One sort key: a JSON pointer into the thing and a direction. */
    public record SortKey(String property, boolean ascending) {
    }

    public static SearchOptions parse(String option) {
        int size = DEFAULT_SIZE;
        int offset = 0;
        List<SortKey> sort = new ArrayList<>();
        for (String part : topLevel(option == null ? "" : option)) {
            int open = part.indexOf('(');
            if (open < 0 || !part.endsWith(")")) {
                throw invalid(option, "'" + part + "' is not name(args)");
            }
            String name = part.substring(0, open).trim();
            String args = part.substring(open + 1, part.length() - 1).trim();
            switch (name) {
                case "size" -> size = parseSize(option, args);
                case "cursor" -> offset = decodeCursor(option, args);
                case "sort" -> sort = parseSort(option, args);
                default -> throw invalid(option, "unknown option '" + name + "' (supported: size, cursor, sort)");
            }
        }
        sort.add(new SortKey("thingId", true)); // a total order, so cursors are stable
        return new SearchOptions(size, offset, List.copyOf(sort));
    }

    public Comparator<JsonObject> comparator() {
        Comparator<JsonObject> c = (a, b) -> 0;
        for (SortKey key : sort) {
            Comparator<JsonObject> byKey = (a, b) -> compareValues(RqlFilter.valueAt(a, key.property()),
                    RqlFilter.valueAt(b, key.property()));
            c = c.thenComparing(key.ascending() ? byKey : byKey.reversed());
        }
        return c;
    }

    public static String cursorFor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int compareValues(Optional<JsonValue> a, Optional<JsonValue> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent()); // missing values first
        }
        Integer order = RqlFilter.compare(a.get(), literal(b.get()));
        return order != null ? order : a.get().toString().compareTo(b.get().toString());
    }

    private static Object literal(JsonValue v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isString() ? v.asString() : null;
    }

    private static int parseSize(String option, String args) {
        try {
            int size = Integer.parseInt(args);
            if (size < 1 || size > MAX_SIZE) {
                throw invalid(option, "size must be 1.." + MAX_SIZE);
            }
            return size;
        } catch (NumberFormatException e) {
            throw invalid(option, "size '" + args + "' is not a number");
        }
    }

    private static int decodeCursor(String option, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException("not a cursor");
            }
            return Integer.parseInt(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw invalid(option, "cursor '" + cursor + "' was not issued by this search");
        }
    }

    private static List<SortKey> parseSort(String option, String args) {
        List<SortKey> keys = new ArrayList<>();
        for (String key : args.split(",")) {
            key = key.trim();
            if (key.length() < 2 || (key.charAt(0) != '+' && key.charAt(0) != '-')) {
                throw invalid(option, "sort key '" + key + "' must start with + or -");
            }
            keys.add(new SortKey(key.substring(1), key.charAt(0) == '+'));
        }
        return keys;
    }

    /** Splits at commas that are not inside parentheses. */
    private static List<String> topLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (start < text.length()) {
            parts.add(text.substring(start).trim());
        }
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static TwinException invalid(String option, String why) {
        return new TwinException(400, "things-search:option.invalid", "The option '" + option + "' is not valid: " + why,
                "Use e.g. option=size(10),sort(+attributes/building),cursor(<cursor of the previous page>).");
    }
}
