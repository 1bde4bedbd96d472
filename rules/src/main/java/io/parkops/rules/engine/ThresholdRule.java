package io.parkops.rules.engine;

import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.util.regex.Pattern;

/**
 * Raise an alert when one numeric property of a device type crosses a fixed threshold.
 *
 * <p>Later rule kinds (hysteresis, "for at least N seconds", actions) will add fields or sibling
 * types; the engine only needs {@link #appliesTo} and {@link #isBreachedBy}.
 *
 * @param id         rule id, also an InfluxDB tag and a URL path segment: {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param tenant     the tenant (site) the rule is limited to, or {@code null} for every tenant
 * @param deviceType the device type id the rule watches, e.g. {@code iaq-sensor}
 * @param feature    feature id, e.g. {@code environment}
 * @param property   property name within the feature, e.g. {@code co2}
 * @param operator   {@link Operator#ABOVE} or {@link Operator#BELOW}
 * @param threshold  the limit; a value equal to it is not a breach
 * @param severity   severity of the alerts this rule raises
 * @param message    text for the maintenance crew, e.g. "CO2 above 1000 ppm: ventilate the zone"
 */
public record ThresholdRule(String id, String tenant, String deviceType, String feature, String property,
                            Operator operator, double threshold, Severity severity, String message) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_MESSAGE_LENGTH = 500;

    public ThresholdRule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("field 'id' must match [a-z0-9][a-z0-9._-]{0,63}, got '" + id + "'");
        }
        String prefix = "rule '" + id + "': field ";
        if (tenant != null && !ThingId.isValidTenant(tenant)) {
            throw new IllegalArgumentException(prefix + "'tenant' must be null (any tenant) or match [a-z][a-z0-9-]*, got '"
                    + tenant + "'");
        }
        requireText(prefix, "deviceType", deviceType);
        requireText(prefix, "feature", feature);
        requireText(prefix, "property", property);
        if (operator == null) {
            throw new IllegalArgumentException(prefix + "'operator' is required ('above' or 'below')");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException(prefix + "'threshold' must be a finite number, got " + threshold);
        }
        if (severity == null) {
            throw new IllegalArgumentException(prefix + "'severity' is required ('warning', 'major' or 'critical')");
        }
        requireText(prefix, "message", message);
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(prefix + "'message' must be at most " + MAX_MESSAGE_LENGTH + " characters");
        }
    }

    /** Whether the rule watches this device: same type, and same tenant unless the rule is for any tenant. */
    public boolean appliesTo(Device device) {
        return deviceType.equals(device.typeId()) && (tenant == null || tenant.equals(device.id().tenant()));
    }

    public boolean isBreachedBy(double value) {
        return operator.isBreached(value, threshold);
    }

    private static void requireText(String prefix, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(prefix + "'" + field + "' is required and must not be blank");
        }
    }
}
