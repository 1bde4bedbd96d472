package io.parkops.sim.fleet;

import java.util.Locale;

/** The built-in device types the simulator plays, with the id prefix their devices get. */
public enum DeviceKind {
    IAQ_SENSOR("iaq"),
    ENERGY_METER("em"),
    WEATHER_STATION("ws"),
    PV_INVERTER("pv"),
    LEAK_SENSOR("leak"),
    ONT("ont"),
    HVAC_LOOP("hvac"),
    DRONE_PAD("pad");

    private final String idPrefix;

    DeviceKind(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** The contract's type id, e.g. {@code iaq-sensor}. */
    public String typeId() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a contract type id such as {@code iaq-sensor}; an unknown id names the known ones. */
    public static DeviceKind ofTypeId(String typeId) {
        for (DeviceKind kind : values()) {
            if (kind.typeId().equals(typeId)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown device type '" + typeId + "'; built-in types are "
                + java.util.Arrays.stream(values()).map(DeviceKind::typeId).toList());
    }

    /** Device id of the {@code index}-th device (0-based) of this kind: {@code iaq-0001}. */
    public String deviceId(int index) {
        return String.format(Locale.ROOT, "%s-%04d", idPrefix, index + 1);
    }
}
