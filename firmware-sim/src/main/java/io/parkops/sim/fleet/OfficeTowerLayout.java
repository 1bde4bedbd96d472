package io.parkops.sim.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * Nanan: four 30-storey office towers with fibre to the desk (an ONT per desk cluster), plant
 * and switch rooms in the basement, weather masts, PV and parcel-drone pads on the roofs.
 */
final class OfficeTowerLayout implements SiteLayout {

    private static final int TOWERS = 4;
    private static final int FLOORS = 30;
    private static final String[] WINGS = {"north", "south", "east", "west"};
    private static final String[] WET_ROOMS = {"plant-room", "riser", "data-room"};

    @Override
    public Map<String, String> place(DeviceKind kind, int index) {
        String building = "b" + (index % TOWERS + 1);
        int round = index / TOWERS + 1;
        return switch (kind) {
            case IAQ_SENSOR -> SiteLayout.at(building, officeFloor(index),
                    index == 0 ? SURGE_ZONE : "open-office-" + WINGS[index % WINGS.length]);
            case ENERGY_METER -> index < TOWERS
                    ? SiteLayout.at(building, "B1", "main-switchboard")
                    : SiteLayout.at(building, officeFloor(index), "floor-distribution");
            case WEATHER_STATION -> SiteLayout.at(building, "roof", "roof-mast-" + round);
            case PV_INVERTER -> SiteLayout.at(building, "roof", "roof-pv-" + round);
            case LEAK_SENSOR -> SiteLayout.at(building, index % 2 == 0 ? "B1" : "B2", WET_ROOMS[index % WET_ROOMS.length]);
            case ONT -> SiteLayout.at(building, officeFloor(index),
                    String.format(Locale.ROOT, "desk-cluster-%02d", index % 24 + 1));
            case HVAC_LOOP -> SiteLayout.at(building, index % 2 == 0 ? "B1" : "roof", "ahu-" + round);
            case DRONE_PAD -> SiteLayout.at(building, "roof", "parcel-pad-" + round);
        };
    }

    /** Spreads devices over the office floors 2..30 rather than stacking them on one. */
    private static String officeFloor(int index) {
        return Integer.toString(2 + (index * 7) % (FLOORS - 1));
    }
}
