package io.parkops.model;

/**
 * Identity of one device and its twin: a tenant (the site, e.g. {@code nanan}) and a device id.
 *
 * <p>The Ditto thing id is {@code {namespace}:{deviceId}} where the namespace is the tenant with
 * every {@code -} replaced by {@code .} ({@code north-park} becomes {@code north.park}), because
 * Ditto namespaces follow Java package rules and do not allow dashes. Tenant ids never contain a
 * dot, so the mapping is reversible.
 */
public record ThingId(String tenant, String deviceId) {

    private static final int MAX_TENANT_LENGTH = 63;
    private static final int MAX_DEVICE_ID_LENGTH = 64;

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

    // Checked on every device message: plain character tests, no regular expression (JFR showed
    // the regex among the per-message costs). Same rules as the messages below say.

    /**
     * {@code [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*}, at most 63 characters: after each {@code -} a letter,
     * because each part becomes a part of the Ditto namespace, which must start with a letter
     * ({@code park-01} would be the namespace {@code park.01}, which Ditto refuses).
     */
    public static boolean isValidTenant(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT_LENGTH || !isLower(tenant.charAt(0))) {
            return false;
        }
        for (int i = 1; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            if (c == '-') {
                if (i + 1 >= tenant.length() || !isLower(tenant.charAt(i + 1))) {
                    return false;
                }
            } else if (!isLower(c) && !isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. */
    public static boolean isValidDeviceId(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > MAX_DEVICE_ID_LENGTH
                || !isAlphanumeric(deviceId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            if (!isAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z');
    }

    public static void requireValidTenant(String tenant) {
        if (!isValidTenant(tenant)) {
            throw new InvalidIdException("tenant '" + tenant + "' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)* (at most 63 characters)");
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
