package io.parkops.twins.desired;

import java.time.Duration;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * How a desired property reaches the device: setting {@code features/{feature}/desiredProperties/{property}}
 * sends {@code command} with {@code {"<argument>": value}}; the device has converged when its reported
 * {@code features/{feature}/properties/{property}} is within {@code tolerance} of the desired value.
 */
public record CommandSpec(String feature, String property, String command, String argument, double tolerance, Duration ttl) {

    public String payload(JsonValue value) {
        return JsonObject.newBuilder().set(argument, value).build().toString();
    }

    /** Whether {@code reported} is within tolerance of {@code desired} (exact match for non-numbers). */
    public boolean converged(JsonValue desired, JsonValue reported) {
        if (reported == null) {
            return false;
        }
        if (desired.isNumber() && reported.isNumber()) {
            return Math.abs(desired.asDouble() - reported.asDouble()) <= tolerance;
        }
        return desired.equals(reported);
    }
}
