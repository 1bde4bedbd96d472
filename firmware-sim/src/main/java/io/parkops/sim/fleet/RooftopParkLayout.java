package io.parkops.sim.fleet;

import java.util.Locale;
import java.util.Map;

/**
 * Xinshengli: six renovated factory halls of up to three floors for drone and aerospace
 * manufacturing, with large rooftops carrying weather stations, PV arrays and drone pads, and
 * the closed-loop plant (air handlers, chilled water) delivered with the renovation.
 */
final class RooftopParkLayout implements SiteLayout {

    private static final int HALLS = 6;
    private static final String[] WORKSHOPS = {"assembly-hall", "composites-shop", "test-bay", "design-office"};
    private static final String[] ROOF_SIDES = {"roof-east", "roof-west"};
    private static final String[] WET_ROOMS = {"chiller-plant", "riser", "battery-room"};

    @Override
    public Map<String, String> place(DeviceKind kind, int index) {
        String building = "b" + (index % HALLS + 1);
        int round = index / HALLS;
        return switch (kind) {
            case IAQ_SENSOR -> SiteLayout.at(building, Integer.toString(index % 3 + 1),
                    index == 0 ? SURGE_ZONE : WORKSHOPS[index % WORKSHOPS.length]);
            case ENERGY_METER -> SiteLayout.at(building, "1", index < HALLS ? "main-switchboard" : "production-line-" + round);
            case WEATHER_STATION -> SiteLayout.at(building, "roof", ROOF_SIDES[index % 2]);
            case PV_INVERTER -> SiteLayout.at(building, "roof", "pv-array-" + letter(round));
            case LEAK_SENSOR -> SiteLayout.at(building, "1", WET_ROOMS[index % WET_ROOMS.length]);
            case ONT -> SiteLayout.at(building, "2", String.format(Locale.ROOT, "office-annex-desks-%02d", index % 12 + 1));
            case HVAC_LOOP -> SiteLayout.at(building, "1", (index % 2 == 0 ? "ahu-" : "chw-loop-") + (round + 1));
            case DRONE_PAD -> SiteLayout.at(building, "roof", "drone-pad-" + letter(round));
        };
    }

    private static String letter(int n) {
        return n < 26 ? String.valueOf((char) ('a' + n)) : "z" + n;
    }
}
