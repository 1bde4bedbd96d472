package io.parkops.adapters.codec;

import io.parkops.model.DeviceType;
import io.parkops.model.PropertyType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the values of one message for every codec: checks each against its property (kind,
 * plausible range, allowed strings), keeps the good ones per feature and a reason for each dropped
 * one, so a single bad value never costs the rest of the message.
 */
final class ValueCollector {

    private final DeviceType type;
    private final Map<String, Map<String, Object>> features = new HashMap<>(4);
    private final List<String> dropped = new ArrayList<>(0);

    ValueCollector(DeviceType type) {
        this.type = type;
    }

    /** Offers a Double, Boolean or String for a property; {@code source} names it in a drop reason. */
    void offer(String source, DeviceType.PropertyRef ref, Object value) {
        String problem = problem(ref.type(), value);
        if (problem != null) {
            drop(source, problem);
            return;
        }
        features.computeIfAbsent(ref.feature(), f -> new LinkedHashMap<>()).put(ref.property(), value);
    }

    void drop(String source, String why) {
        dropped.add(source + ": " + why);
    }

    boolean isEmpty() {
        return features.isEmpty();
    }

    Decoded finish(long timestamp) {
        if (features.isEmpty()) {
            throw new RejectedException(Rejection.MALFORMED, dropped.isEmpty()
                    ? "payload has no property of type '" + type.id() + "'"
                    : "no usable value: " + String.join("; ", dropped));
        }
        return new Decoded(timestamp, features, dropped);
    }

    static String problem(PropertyType type, Object value) {
        return switch (type.type()) {
            case NUMBER -> value instanceof Double d ? range(type, d) : "must be a number";
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case STRING -> !(value instanceof String s) ? "must be a string"
                    : type.isAllowed(s) ? null : "'" + s + "' is not one of " + type.oneOf();
        };
    }

    private static String range(PropertyType type, double v) {
        if (type.isPlausible(v)) {
            return null;
        }
        return v + " is outside the plausible range [" + bound(type.minimum()) + ", " + bound(type.maximum()) + "]"
                + (type.unit() == null ? "" : " " + type.unit());
    }

    private static String bound(Double b) {
        return b == null ? "-" : String.valueOf(b);
    }
}
