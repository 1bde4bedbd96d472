package io.parkops.adapters.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.parkops.model.PropertyType;
import java.io.IOException;

/**
 * Reads one scalar JSON value as the kind a property declares. A value that does not fit comes
 * back as a {@link Problem} instead of an exception, because one bad value must not cost the rest
 * of the message.
 */
final class PropertyValues {

    /** Why a value was not taken. */
    record Problem(String text) {
    }

    private PropertyValues() {
    }

    static Object read(PropertyType type, JsonParser p, JsonToken token) throws IOException {
        return switch (type.type()) {
            case NUMBER -> number(type, p, token);
            case BOOLEAN -> token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                    : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : problem("must be true or false");
            case STRING -> token == JsonToken.VALUE_STRING ? p.getText() : problem("must be a string");
        };
    }

    private static Object number(PropertyType type, JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return problem("must be a number");
        }
        double v = p.getDoubleValue();
        if (!type.isPlausible(v)) {
            return problem(v + " is outside the plausible range [" + bound(type.minimum()) + ", " + bound(type.maximum()) + "]"
                    + (type.unit() == null ? "" : " " + type.unit()));
        }
        return v;
    }

    private static String bound(Double b) {
        return b == null ? "-" : String.valueOf(b);
    }

    private static Problem problem(String text) {
        return new Problem(text);
    }
}
