package io.parkops.model;

import java.util.List;
import java.util.Objects;

/**
 * One property of a feature as a device type declares it.
 *
 * @param type        value kind
 * @param unit        unit symbol shown to people and exported in the Thing Model (may be null)
 * @param minimum     smallest plausible value (numbers only, may be null)
 * @param maximum     largest plausible value (numbers only, may be null)
 * @param description what the property means
 * @param oneOf       the allowed values of a string property (e.g. {@code auto, manual, off}); empty = any
 */
public record PropertyType(DataType type, String unit, Double minimum, Double maximum, String description,
                           List<String> oneOf) {

    public PropertyType {
        Objects.requireNonNull(type, "type");
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
        }
        if ((minimum != null || maximum != null) && type != DataType.NUMBER) {
            throw new IllegalArgumentException("minimum and maximum apply to numbers only, not to " + type.label());
        }
        oneOf = oneOf == null ? List.of() : List.copyOf(oneOf);
        if (!oneOf.isEmpty() && type != DataType.STRING) {
            throw new IllegalArgumentException("oneOf applies to strings only, not to " + type.label());
        }
    }

    public PropertyType(DataType type, String unit, Double minimum, Double maximum, String description) {
        this(type, unit, minimum, maximum, description, null);
    }

    /** Whether a string is one of the declared values (any string when none are declared). */
    public boolean isAllowed(String value) {
        return oneOf.isEmpty() || oneOf.contains(value);
    }

    /** Whether a number lies in the declared plausible range. */
    public boolean isPlausible(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value)
                && (minimum == null || value >= minimum) && (maximum == null || value <= maximum);
    }
}
