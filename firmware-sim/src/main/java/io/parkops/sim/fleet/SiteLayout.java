package io.parkops.sim.fleet;

import java.util.Map;

/** Where the {@code index}-th device of a kind sits on a site: its building, floor and zone. */
public interface SiteLayout {

    /** Attributes {@code building}, {@code floor}, {@code zone} of the device. */
    Map<String, String> place(DeviceKind kind, int index);

    /** The layout for a tenant: the lead parks have their own, any other site looks like an office park. */
    static SiteLayout forTenant(String tenant) {
        return "xinshengli".equals(tenant) ? new RooftopParkLayout() : new OfficeTowerLayout();
    }

    static Map<String, String> at(String building, String floor, String zone) {
        return Map.of("building", building, "floor", floor, "zone", zone);
    }

    /** Room whose CO2 surges in a demo; the surge device is always the first IAQ sensor. */
    String SURGE_ZONE = "meeting-room-1";
}
