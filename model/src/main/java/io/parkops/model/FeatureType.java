package io.parkops.model;

import java.util.Map;

/** A twin feature of a device type: a named group of properties (e.g. {@code environment}). */
public record FeatureType(Map<String, PropertyType> properties) {

    public FeatureType {
        if (properties == null || properties.isEmpty()) {
            throw new IllegalArgumentException("a feature needs at least one property");
        }
        properties = Map.copyOf(properties);
    }
}
