package io.parkops.adapters.security;

import io.parkops.model.ThingId;
import java.util.Optional;

/**
 * The name a device signs in with, on MQTT (username) and CoAPS (PSK identity):
 * {@code {deviceId}@{tenant}}. Tenant ids cannot hold {@code @}, so the last {@code @} splits it.
 */
public final class DeviceLogin {

    private DeviceLogin() {
    }

    public static String of(ThingId id) {
        return id.deviceId() + '@' + id.tenant();
    }

    /** The device the name stands for; empty when it is not {@code {deviceId}@{tenant}} with valid ids. */
    public static Optional<ThingId> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int at = name.lastIndexOf('@');
        if (at <= 0 || at == name.length() - 1) {
            return Optional.empty();
        }
        String deviceId = name.substring(0, at);
        String tenant = name.substring(at + 1);
        if (!ThingId.isValidDeviceId(deviceId) || !ThingId.isValidTenant(tenant)) {
            return Optional.empty();
        }
        return Optional.of(ThingId.of(tenant, deviceId));
    }

    /**
     * A client-chosen name made safe for a log line: control characters replaced, at most 80
     * characters, so a hostile username cannot forge or flood log lines.
     */
    public static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
