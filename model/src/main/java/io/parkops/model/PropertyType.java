package io.parkops.model;

import java.util.Objects;

/**
 * One property of a feature as a device type declares it.
 *
 * @param type        value kind
 * @param unit        unit symbol shown to people and exported in the Thing Model (may be null)
 * @param minimum     smallest plausible value (numbers only, may be null)
 * @param maximum     largest plausible value (numbers only, may be null)
 * @param description what the property means
 */
public record PropertyType(DataType type, String unit, Double minimum, Double maximum, String description) {

    public PropertyType {
        Objects.requireNonNull(type, "type");
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("minimum " + minimum + " is above maximum " + maximum);
        }
    }

    /** Whether a number lies in the declared plausible range. */
    public boolean isPlausible(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value)
                && (minimum == null || value >= minimum) && (maximum == null || value <= maximum);
    }
}
