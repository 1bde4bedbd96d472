package io.parkops.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device type as an integrator declares it: the twin features and properties its devices
 * report. A payload field is matched to a property by name; property names are unique across
 * the features of one type so that the match is unambiguous.
 */
public record DeviceType(String id, String version, String description, int reportingIntervalSeconds,
                         Map<String, FeatureType> features) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public DeviceType {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must match [a-z][a-z0-9-]{0,63}");
        }
        Objects.requireNonNull(version, "version");
        if (reportingIntervalSeconds <= 0) {
            throw new IllegalArgumentException("reportingIntervalSeconds must be positive, was " + reportingIntervalSeconds);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("features must declare at least one feature");
        }
        features = Map.copyOf(features);
        fieldIndex(features); // rejects a property name used by two features
    }

    /** Where a payload field lands in the twin. */
    public record PropertyRef(String feature, String property, PropertyType type) {
    }

    /** The property a payload field names, or {@code null} when the type has none of that name. */
    public PropertyRef propertyForField(String field) {
        for (Map.Entry<String, FeatureType> feature : features.entrySet()) {
            PropertyType type = feature.getValue().properties().get(field);
            if (type != null) {
                return new PropertyRef(feature.getKey(), field, type);
            }
        }
        return null;
    }

    /** The Ditto definition of twins of this type, {@code io.parkops:{id}:{version}}. */
    public String dittoDefinition() {
        return "io.parkops:" + id + ':' + version;
    }

    private static Map<String, String> fieldIndex(Map<String, FeatureType> features) {
        Map<String, String> owner = new HashMap<>();
        features.forEach((featureId, feature) -> feature.properties().keySet().forEach(property -> {
            String previous = owner.putIfAbsent(property, featureId);
            if (previous != null) {
                throw new IllegalArgumentException("property '" + property + "' is declared by both features '"
                        + previous + "' and '" + featureId + "'");
            }
        }));
        return owner;
    }
}
