package io.parkops.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cross-checks of a device type: every command and payload mapping must name a declared property. */
final class DeviceTypeChecks {

    private DeviceTypeChecks() {
    }

    static void check(Map<String, FeatureType> features, List<CommandType> commands, PayloadMapping payloads) {
        Set<String> names = new HashSet<>();
        for (CommandType c : commands) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("commands: '" + c.name() + "' is declared twice");
            }
            FeatureType f = features.get(c.feature());
            if (f == null || !f.properties().containsKey(c.property())) {
                throw new IllegalArgumentException("commands." + c.name() + ": sets '" + c.feature() + "." + c.property()
                        + "', which the type does not declare");
            }
        }
        payloads.json().forEach((property, source) -> {
            propertyType(features, "payloads.json." + property, property);
            if (source == null || source.isEmpty()) {
                throw new IllegalArgumentException("payloads.json." + property + ": needs a field name or a JSON pointer");
            }
        });
        payloads.senml().forEach((property, field) -> {
            propertyType(features, "payloads.senml." + property, property);
            if (field == null || field.name() == null || field.name().isEmpty()) {
                throw new IllegalArgumentException("payloads.senml." + property + ".name is required");
            }
        });
        if (payloads.binary() != null) {
            checkBinary(features, payloads.binary());
        }
    }

    private static void checkBinary(Map<String, FeatureType> features, PayloadMapping.BinaryLayout layout) {
        layout.fields().forEach((property, field) -> {
            PropertyType type = propertyType(features, "payloads.binary.fields." + property, property);
            if (type.type() == DataType.STRING) {
                throw new IllegalArgumentException("payloads.binary.fields." + property
                        + ": a binary field can feed a number or boolean property, not a string");
            }
        });
        if (layout.length() != null && layout.length() < layout.requiredLength()) {
            throw new IllegalArgumentException("payloads.binary.length " + layout.length() + " is shorter than its fields need ("
                    + layout.requiredLength() + " bytes)");
        }
    }

    private static PropertyType propertyType(Map<String, FeatureType> features, String where, String property) {
        for (FeatureType f : features.values()) {
            PropertyType t = f.properties().get(property);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + ": the type declares no property '" + property + "'");
    }
}
