package io.parkops.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The field types a declared binary layout may use, with their size in bytes. */
public enum BinaryType {
    U8(1), I8(1), U16(2), I16(2), U32(4), I32(4), F32(4);

    private final int bytes;

    BinaryType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BinaryType parse(String text) {
        for (BinaryType t : values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("binary type '" + text + "' must be one of " + labels());
    }

    static String labels() {
        return Arrays.stream(values()).map(BinaryType::label).collect(Collectors.joining(", "));
    }
}
