package io.parkops.model.influx;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The pieces of InfluxQL that every reader of {@link InfluxSchema} writes the same way. Values are
 * always quoted with InfluxQL's escaping, so a request's text can never change a query's shape.
 */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** A double-quoted identifier (measurement, tag or field name). */
    public static String identifier(String name) {
        return '"' + escape(name, '"') + '"';
    }

    /** Several identifiers, comma-separated, as GROUP BY takes them. */
    public static String identifiers(String... names) {
        return Arrays.stream(names).map(InfluxQl::identifier).collect(Collectors.joining(", "));
    }

    /** A single-quoted string literal. */
    public static String string(String value) {
        return '\'' + escape(value, '\'') + '\'';
    }

    /** The condition "tag {@code tag} is {@code value}". */
    public static String tagIs(String tag, String value) {
        return identifier(tag) + " = " + string(value);
    }

    private static String escape(String text, char quote) {
        return text.replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote);
    }
}
