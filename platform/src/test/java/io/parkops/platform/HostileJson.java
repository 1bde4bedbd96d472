package io.parkops.platform;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of hostile JSON-ish request bodies: well-formed documents with the API's own
 * field names and wrong, extreme or strange values, plus truncated documents and plain junk.
 */
final class HostileJson {

    private static final List<String> ODD_SCALARS = List.of("true", "false", "null", "NaN", "Infinity", "-Infinity", "1e999",
            "-1e999", "-0", "0x10", "01", "1.", ".5", "123456789012345678901234567890", "\"\\ud800\"", "\"\\u0000\"",
            "\"\"", "\" \"", "\"\\u202e\"", "\"../..\"", "\"admin\"", "\"viewer\"", "\"iaq-sensor\"", "\"nanan\"", "\"nanan:iaq-0001\"");

    private HostileJson() {
    }

    /** A body for an endpoint whose fields are {@code keys}. */
    static Arbitrary<String> body(List<String> keys) {
        Arbitrary<String> document = value(keys, 4);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, document),
                net.jqwik.api.Tuple.of(2, document.flatMap(d -> Arbitraries.integers().between(0, Math.max(0, d.length() - 1))
                        .map(cut -> d.substring(0, cut)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)));
    }

    private static Arbitrary<String> value(List<String> keys, int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of(ODD_SCALARS),
                Arbitraries.strings().all().ofMaxLength(40).map(HostileJson::quote),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(keys), Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<String> object = Combinators.combine(key, Arbitraries.lazy(() -> value(keys, depth - 1)))
                .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(6).map(fields -> "{" + String.join(",", fields) + "}");
        Arbitrary<String> array = Arbitraries.lazy(() -> value(keys, depth - 1)).list().ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(4, object),
                net.jqwik.api.Tuple.of(1, array));
    }

    /** A JSON string literal of any text, lone surrogates and control characters escaped as JSON allows. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
