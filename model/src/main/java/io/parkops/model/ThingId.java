package io.parkops.model;

import java.util.regex.Pattern;

/**
 * Identity of one device and its twin: a tenant (the site, e.g. {@code nanan}) and a device id.
 *
 * <p>The Ditto thing id is {@code {namespace}:{deviceId}} where the namespace is the tenant with
 * every {@code -} replaced by {@code .} ({@code north-park} becomes {@code north.park}), because
 * Ditto namespaces follow Java package rules and do not allow dashes. Tenant ids never contain a
 * dot, so the mapping is reversible.
 */
public record ThingId(String tenant, String deviceId) {

    private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_TENANT_LENGTH = 63;

    public ThingId {
        requireValidTenant(tenant);
        requireValidDeviceId(deviceId);
    }

    public static ThingId of(String tenant, String deviceId) {
        return new ThingId(tenant, deviceId);
    }

    /** Parses a Ditto thing id such as {@code north.park:ont-0001}. */
    public static ThingId parseDitto(String thingId) {
        int colon = thingId == null ? -1 : thingId.indexOf(':');
        if (colon <= 0) {
            throw new InvalidIdException("thingId '" + thingId + "' must be '{namespace}:{deviceId}', e.g. 'nanan:iaq-0001'");
        }
        String namespace = thingId.substring(0, colon);
        if (namespace.indexOf('-') >= 0) {
            throw new InvalidIdException("thingId namespace '" + namespace + "' must use '.' where the tenant id has '-'");
        }
        return new ThingId(namespace.replace('.', '-'), thingId.substring(colon + 1));
    }

    public static boolean isValidTenant(String tenant) {
        return tenant != null && tenant.length() <= MAX_TENANT_LENGTH && TENANT.matcher(tenant).matches();
    }

    public static boolean isValidDeviceId(String deviceId) {
        return deviceId != null && DEVICE.matcher(deviceId).matches();
    }

    public static void requireValidTenant(String tenant) {
        if (!isValidTenant(tenant)) {
            throw new InvalidIdException("tenant '" + tenant + "' must match [a-z][a-z0-9-]* (at most 63 characters)");
        }
    }

    public static void requireValidDeviceId(String deviceId) {
        if (!isValidDeviceId(deviceId)) {
            throw new InvalidIdException("deviceId '" + deviceId + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
    }

    public String namespace() {
        return tenant.replace('-', '.');
    }

    /** The Ditto thing id, {@code {namespace}:{deviceId}}. */
    public String dittoId() {
        return namespace() + ':' + deviceId;
    }

    @Override
    public String toString() {
        return dittoId();
    }

    /** An id that breaks the contract's identity rules. */
    public static final class InvalidIdException extends IllegalArgumentException {
        public InvalidIdException(String message) {
            super(message);
        }
    }
}
