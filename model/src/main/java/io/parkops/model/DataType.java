package io.parkops.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The value kinds a twin property can hold; numbers are stored as doubles (InfluxDB floats). */
public enum DataType {
    NUMBER, BOOLEAN, STRING;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DataType parse(String text) {
        for (DataType t : values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("type '" + text + "' must be one of number, boolean, string");
    }
}
