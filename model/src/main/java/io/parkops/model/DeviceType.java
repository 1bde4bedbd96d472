package io.parkops.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device type as an integrator declares it (a file or {@code PUT /api/device-types/{id}}): the
 * twin features and properties its devices report, how each payload kind maps onto them, the
 * commands the devices accept and the default rules shipped with the type. Property names are
 * unique across the features of one type so that a payload field matches one property.
 *
 * @param rules default rules in the rules module's rule JSON format; kept opaque here (the model
 *              does not know the rule schema), handed to the rules module's parser as they are
 */
public record DeviceType(String id, String version, String description, int reportingIntervalSeconds,
                         Map<String, FeatureType> features, List<CommandType> commands, PayloadMapping payloads,
                         List<Map<String, Object>> rules) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public DeviceType {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must match [a-z][a-z0-9-]{0,63}");
        }
        Objects.requireNonNull(version, "version is required");
        if (reportingIntervalSeconds <= 0) {
            throw new IllegalArgumentException("reportingIntervalSeconds must be positive, was " + reportingIntervalSeconds);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("features must declare at least one feature");
        }
        features = Map.copyOf(features);
        fieldIndex(features); // rejects a property name used by two features
        commands = commands == null ? List.of() : List.copyOf(commands);
        payloads = payloads == null ? PayloadMapping.NONE : payloads;
        rules = rules == null ? List.of() : List.copyOf(rules);
        DeviceTypeChecks.check(features, commands, payloads);
    }

    /** A type without commands, payload mapping or rules (names match property names). */
    public DeviceType(String id, String version, String description, int reportingIntervalSeconds,
                      Map<String, FeatureType> features) {
        this(id, version, description, reportingIntervalSeconds, features, null, null, null);
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

    /** The command of that name, or {@code null}. */
    public CommandType command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
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
