package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule: which twins it watches (scope) and its severity levels, highest severity first.
 *
 * @param id         rule id, also an InfluxDB tag and a URL path segment: {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param tenant     the tenant (site) the rule is limited to, or null for every tenant
 * @param deviceType the device type id it watches, or {@code *} for every type
 * @param things     device ids (or Ditto thing ids) it is limited to; empty for all
 * @param attributes attribute values a device must have ({@code building}, {@code floor}, {@code zone}, ...)
 * @param replaces   id of a rule this one replaces for the devices in its scope (a per-site override), or null
 * @param message    text for the maintenance crew
 * @param levels     one or more levels with distinct severities
 */
public record Rule(String id, String tenant, String deviceType, Set<String> things, Map<String, String> attributes,
                   String replaces, String message, List<Level> levels) {

    public static final String ANY_TYPE = "*";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_MESSAGE_LENGTH = 500;

    public Rule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("field 'id' must match [a-z0-9][a-z0-9._-]{0,63}, got '" + id + "'");
        }
        if (tenant != null && !ThingId.isValidTenant(tenant)) {
            throw new IllegalArgumentException("field 'tenant' must be absent (any tenant) or match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*, got '"
                    + tenant + "'");
        }
        if (deviceType == null || deviceType.isBlank()) {
            throw new IllegalArgumentException("field 'deviceType' is required (a type id, or '*' for every type)");
        }
        if (message == null || message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("field 'message' is required, at most " + MAX_MESSAGE_LENGTH + " characters");
        }
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("field 'levels' must hold at least one level");
        }
        if (levels.stream().map(Level::severity).distinct().count() != levels.size()) {
            throw new IllegalArgumentException("field 'levels' must not repeat a severity");
        }
        things = Set.copyOf(things == null ? Set.of() : things);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        levels = levels.stream().sorted(Comparator.comparing(Level::severity).reversed()).toList();
    }

    /** Whether the rule watches this device (type, tenant, thing ids, attributes). */
    public boolean appliesTo(Device device) {
        return (ANY_TYPE.equals(deviceType) || deviceType.equals(device.typeId()))
                && (tenant == null || tenant.equals(device.id().tenant()))
                && (things.isEmpty() || things.contains(device.id().deviceId()) || things.contains(device.id().dittoId()))
                && attributes.entrySet().stream().allMatch(e -> e.getValue().equals(device.attribute(e.getKey())));
    }

    /** Whether a timer must re-evaluate the rule while no data arrives. */
    public boolean timeDependent() {
        return levels.stream().anyMatch(Level::timeDependent);
    }

    public String messageOf(Level level) {
        return level.message() == null ? message : level.message();
    }
}
