package io.parkops.twins.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * HTTP conditional headers ({@code If-Match}, {@code If-None-Match}) checked against the entity
 * tag of the addressed resource, as Ditto does: {@code "rev:N"} for a thing, a content hash for
 * a part of it.
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    /** Throws 412 when a write must not proceed. {@code current} is the tag of the resource, empty when absent. */
    public void checkWrite(Optional<String> current) {
        if (ifMatch != null && !matches(ifMatch, current)) {
            throw failed("if-match", ifMatch, current);
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, current)) {
            throw failed("if-none-match", ifNoneMatch, current);
        }
    }

    /** Whether a read may be answered with 304 (If-None-Match matches). */
    public boolean notModified(Optional<String> current) {
        return ifNoneMatch != null && matches(ifNoneMatch, current);
    }

    /** Whether a read must be refused with 412 (If-Match does not match). */
    public boolean readFails(Optional<String> current) {
        return ifMatch != null && !matches(ifMatch, current);
    }

    private static boolean matches(String header, Optional<String> current) {
        if (current.isEmpty()) {
            return false;
        }
        return Arrays.stream(header.split(",")).map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(current.get()));
    }

    static TwinException failed(String header, String value, Optional<String> current) {
        return new TwinException(412, "things:precondition.failed", "The comparison of precondition header '" + header
                + "' for the requested Thing resource evaluated to false. Header value: '" + value
                + "', actual entity-tag: '" + current.orElse("") + "'.",
                "The comparison of the provided precondition header with the entity-tag of the resource failed.");
    }
}
