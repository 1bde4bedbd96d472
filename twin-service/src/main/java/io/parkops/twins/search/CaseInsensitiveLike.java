package io.parkops.twins.search;

import io.parkops.twins.store.TwinException;
import java.util.regex.Pattern;

/**
 * RQL {@code like} and {@code ilike} patterns: {@code *} any run of characters, {@code ?} one
 * character, everything else literal; {@code ilike} ignores case. The Ditto 2.4 parser knows only
 * {@code like}, so before parsing {@code ilike(property,"pattern")} becomes
 * {@code like(property,"<U+0001>pattern")}: the mark, a control character no filter may contain,
 * tells {@link #pattern} to ignore case.
 */
final class CaseInsensitiveLike {

    static final char MARK = '\u0001';
    private static final String OPERATOR = "ilike(";

    private CaseInsensitiveLike() {
    }

    /** The filter with every {@code ilike} outside a string literal turned into a marked {@code like}. */
    static String rewrite(String filter) {
        if (filter.indexOf(MARK) >= 0) {
            throw new TwinException(400, "rql.expression.invalid", "The RQL expression contains the control character U+0001.",
                    "Remove control characters from the filter.");
        }
        if (!filter.contains(OPERATOR)) {
            return filter;
        }
        StringBuilder out = new StringBuilder(filter.length() + 4);
        char quote = 0; // the quote of the string literal we are in, 0 outside one
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < filter.length()) {
                    out.append(filter.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
                i++;
            } else if (filter.startsWith(OPERATOR, i) && (i == 0 || "(,".indexOf(filter.charAt(i - 1)) >= 0)) {
                i = markedLike(filter, i + OPERATOR.length(), out);
                quote = filter.charAt(i - 1); // now within the pattern's literal
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Writes {@code like(property,"MARK} for the ilike whose property starts at {@code from}; returns
     * the position just after the pattern's opening quote.
     */
    private static int markedLike(String filter, int from, StringBuilder out) {
        int comma = filter.indexOf(',', from);
        if (comma < 0 || comma + 1 >= filter.length() || (filter.charAt(comma + 1) != '"' && filter.charAt(comma + 1) != '\'')) {
            throw new TwinException(400, "rql.expression.invalid", "ilike needs a property and a string: ilike(property,\"pattern\").",
                    "Use e.g. ilike(thingId,\"*em-00*\").");
        }
        out.append("like(").append(filter, from, comma + 2).append(MARK);
        return comma + 2;
    }

    /** The regular expression of a like pattern, ignoring case when the pattern carries the mark. */
    static Pattern pattern(String like) {
        boolean ignoreCase = !like.isEmpty() && like.charAt(0) == MARK;
        String body = ignoreCase ? like.substring(1) : like;
        StringBuilder regex = new StringBuilder();
        for (String part : body.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                : Pattern.DOTALL);
    }
}
