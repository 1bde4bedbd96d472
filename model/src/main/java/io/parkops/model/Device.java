package io.parkops.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provisioned device: its identity, its type, the attributes that place it in the park
 * ({@code building}, {@code floor}, {@code zone}, {@code parent} and any free-form others) and
 * the gateways it may be reached through.
 *
 * @param via the device ids (same tenant) of the gateways that may publish for this device and
 *            receive its commands, as Eclipse Hono's {@code via}; empty for a device that
 *            connects itself
 */
public record Device(ThingId id, String typeId, Map<String, String> attributes, List<String> via) {

    public static final String BUILDING = "building";
    public static final String FLOOR = "floor";
    public static final String ZONE = "zone";
    public static final String PARENT = "parent";

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(typeId, "typeId");
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        via = List.copyOf(via == null ? List.of() : via);
        for (String gateway : via) {
            ThingId.requireValidDeviceId(gateway);
        }
    }

    /** A device that connects itself (no gateway). */
    public Device(ThingId id, String typeId, Map<String, String> attributes) {
        this(id, typeId, attributes, List.of());
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /**
     * Whether {@code gateway} may act for this device: it is named in {@link #via()} and belongs
     * to the same tenant. A list scan, not a set: a device has one or two gateways, and this runs
     * on every message a gateway sends.
     */
    public boolean isReachableVia(ThingId gateway) {
        return gateway.tenant().equals(id.tenant()) && via.contains(gateway.deviceId());
    }
}
