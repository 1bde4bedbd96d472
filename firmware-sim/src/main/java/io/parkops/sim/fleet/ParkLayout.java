package io.parkops.sim.fleet;

import io.parkops.sim.Protocol;
import io.parkops.sim.SimDevice;
import io.parkops.sim.SimOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the fleet of a run from the layout: which devices exist, where they sit and how they
 * report. The layout is a template: {@code devicesPerType} or {@code totalDevices} grow or
 * shrink it, reusing its places in order, so a 50,000-device fleet still sits in the park's
 * buildings, floors and zones.
 */
public final class ParkLayout {

    /** Room whose CO2 surges in a demo; the surge device is always the first IAQ sensor of a site. */
    public static final String SURGE_ZONE = "meeting-room-1";

    private static final Map<String, String> FALLBACK_PLACE = Map.of("building", "b1", "floor", "1", "zone", "general");

    private ParkLayout() {
    }

    /** One slot of the template: the {@code index}-th device of a kind on a site. */
    private record Slot(int siteIndex, String tenant, DeviceKind kind, int index, Map<String, String> place) {
    }

    /** Every device of the run in a stable order: round by round over sites and kinds, so any prefix is a mix. */
    public static List<SimDevice> plan(SimOptions options) {
        List<Slot> template = template(options);
        int total = options.totalDevices() > 0 ? options.totalDevices() : template.size();
        if (template.isEmpty()) {
            throw new IllegalArgumentException("the layout places no device on " + options.sites());
        }
        Map<String, Integer> nextIndex = new HashMap<>();
        List<SimDevice> devices = new ArrayList<>(total);
        for (int n = 0; n < total; n++) {
            Slot slot = template.get(n % template.size());
            int index = nextIndex.merge(slot.tenant() + '/' + slot.kind(), 1, Integer::sum) - 1;
            String deviceId = slot.kind().deviceId(index);
            devices.add(new SimDevice(slot.tenant(), deviceId, slot.kind().typeId(),
                    protocolOf(options.protocols(), slot.siteIndex(), index), slot.place(),
                    DevicePasswords.forDevice(slot.tenant(), deviceId), DevicePasswords.pskForDevice(slot.tenant(), deviceId)));
        }
        return devices;
    }

    private static List<Slot> template(SimOptions options) {
        List<Slot> slots = new ArrayList<>();
        List<String> sites = options.sites();
        for (int s = 0; s < sites.size(); s++) {
            String tenant = sites.get(s);
            Map<DeviceKind, List<Map<String, String>>> places = options.layout().site(tenant).places();
            for (DeviceKind kind : DeviceKind.values()) {
                List<Map<String, String>> kindPlaces = places.getOrDefault(kind, List.of());
                int count = options.devicesPerType() > 0 ? options.devicesPerType() : kindPlaces.size();
                for (int i = 0; i < count; i++) {
                    Map<String, String> place = kindPlaces.isEmpty() ? FALLBACK_PLACE : kindPlaces.get(i % kindPlaces.size());
                    slots.add(new Slot(s, tenant, kind, i, place));
                }
            }
        }
        slots.sort(Comparator.comparingInt(Slot::index).thenComparingInt(Slot::siteIndex).thenComparing(Slot::kind));
        return slots;
    }

    /**
     * The first IAQ sensor of each tenant is the crowded meeting room whose CO2 surges early in
     * a run, so a demo raises an alert within seconds.
     */
    public static boolean isCo2Surge(SimDevice device) {
        return DeviceKind.IAQ_SENSOR.typeId().equals(device.type()) && DeviceKind.IAQ_SENSOR.deviceId(0).equals(device.deviceId());
    }

    /**
     * Devices take the protocols in turn by index, shifted per site: with as many devices per
     * type as protocols (or as many sites), every type is carried over every protocol.
     */
    static Protocol protocolOf(List<Protocol> protocols, int siteIndex, int deviceIndex) {
        return protocols.get((siteIndex + deviceIndex) % protocols.size());
    }
}
