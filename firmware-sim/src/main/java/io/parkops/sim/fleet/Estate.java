package io.parkops.sim.fleet;

import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.parkops.sim.fleet.EstateParks.Park;
import io.parkops.sim.fleet.EstateParks.Profile;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated estate ({@code --layout estate}): the two lead parks as {@link LayoutFiles#defaults()}
 * has them plus the 18 parks of {@link EstateParks}, generated from a fixed seed so that every run,
 * test and screenshot shows the same estate. Each generated park has a floor area from 40,000 to
 * 300,000 m² (spread over the whole range), 1 to 12 buildings that share that area, floors by the
 * kind of park, and devices by floor area: IAQ sensors per office floor, ONTs where the park has
 * fiber, PV inverters and a weather mast on PV roofs, drone pads where drones fly, meters, air
 * handlers and leak sensors in plant rooms and risers. Each also carries its site description,
 * which the simulator puts to {@code /api/sites} before it provisions the devices.
 *
 * <p>The generated parks report less often than the lead parks ({@link #INTERVALS}), so the
 * estate's 3,116 devices send about 60 messages a second: a demo on a 2-core laptop.
 */
public final class Estate {

    /** The built-in layout name. */
    public static final String NAME = "estate";
    /** Picked among the first twenty for an estate from 41,000 to 288,000 m² with parks of 1 and of 12 buildings. */
    static final long SEED = 4;
    static final int MIN_AREA_M2 = 40_000;
    static final int MAX_AREA_M2 = 300_000;
    static final int MAX_BUILDINGS = 12;

    /** Reporting interval in seconds of each type in the generated parks. */
    static final Map<String, Double> INTERVALS = Map.of(
            "energy-meter", 30.0, "hvac-loop", 30.0, "iaq-sensor", 60.0, "pv-inverter", 60.0,
            "weather-station", 60.0, "drone-pad", 60.0, "ont", 120.0, "leak-sensor", 300.0);

    private Estate() {
    }

    /** The lead parks first, then the generated parks in {@link EstateParks} order. */
    public static FleetLayout layout() {
        FleetLayout lead = LayoutFiles.defaults();
        List<FleetLayout.Site> sites = new ArrayList<>(lead.sites());
        List<Integer> ranks = areaRanks();
        for (int i = 0; i < EstateParks.ALL.size(); i++) {
            sites.add(generate(EstateParks.ALL.get(i), ranks.get(i), new SplittableRandom(SEED + 31L * i)));
        }
        return new FleetLayout(sites, lead.intervals());
    }

    /** A shuffled 0..n-1: park i gets the i-th slice of the area range, so small and large parks are both there. */
    private static List<Integer> areaRanks() {
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < EstateParks.ALL.size(); i++) {
            ranks.add(i);
        }
        java.util.Collections.shuffle(ranks, new java.util.Random(SEED));
        return ranks;
    }

    private static FleetLayout.Site generate(Park park, int rank, SplittableRandom random) {
        int parks = EstateParks.ALL.size();
        double slice = (MAX_AREA_M2 - MIN_AREA_M2) / (double) parks;
        int area = roundTo(MIN_AREA_M2 + slice * (rank + random.nextDouble()), 500);
        area = Math.max(MIN_AREA_M2, Math.min(MAX_AREA_M2, area));
        Profile profile = park.profile();
        int count = (int) Math.round(area / (double) profile.typicalBuildingM2 * random.nextDouble(0.45, 1.3));
        count = Math.max(1, Math.min(MAX_BUILDINGS, count));
        int[] areas = split(area, count, random);

        List<FleetLayout.Building> buildings = new ArrayList<>();
        List<Site.Building> described = new ArrayList<>();
        boolean mastPlaced = false;
        for (int b = 0; b < count; b++) {
            String id = "b" + (b + 1);
            int floors = random.nextInt(profile.minFloors, profile.maxFloors + 1);
            boolean pv = random.nextDouble() < profile.pvShare;
            // a weather mast on the first PV roof (or the last building when no roof has PV), another every 6 buildings
            boolean mast = pv && !mastPlaced || b == count - 1 && !mastPlaced || b > 0 && b % 6 == 0;
            mastPlaced |= mast;
            buildings.add(new BuildingPlan(park, areas[b], floors, pv, mast, random).building(id));
            described.add(new Site.Building(id, profile.buildingName + ' ' + (b + 1), (double) areas[b]));
        }
        Site site = new Site(park.tenant(), park.name(), (double) area, ZoneId.of(park.timeZone()), park.address(),
                park.gridEmissionFactor(), described);
        return new FleetLayout.Site(park.tenant(), buildings, INTERVALS, SiteJson.toJson(site).getMap());
    }

    /** {@code total} in {@code parts} unequal shares rounded to 100 m² that add up to {@code total}. */
    private static int[] split(int total, int parts, SplittableRandom random) {
        double[] weights = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = random.nextDouble(0.6, 1.4);
            sum += weights[i];
        }
        int[] areas = new int[parts];
        int given = 0;
        for (int i = 0; i < parts - 1; i++) {
            areas[i] = roundTo(total * weights[i] / sum, 100);
            given += areas[i];
        }
        areas[parts - 1] = total - given;
        return areas;
    }

    private static int roundTo(double value, int step) {
        return (int) Math.round(value / step) * step;
    }

    /** The floors, zones and devices of one generated building. */
    private record BuildingPlan(Park park, int areaM2, int floors, boolean pv, boolean mast, SplittableRandom random) {

        FleetLayout.Building building(String id) {
            Profile profile = park.profile();
            boolean tower = floors > 3;
            double floorM2 = areaM2 / (double) floors;
            List<FleetLayout.Floor> list = new ArrayList<>();
            // plant: main switchboard, air handlers or chilled-water loops, a leak sensor; in the basement of a tower
            FleetLayout.Zone plant = zone("plant-room", "energy-meter", 1, "hvac-loop", atLeastOne(areaM2 / 10_000.0), "leak-sensor", 1);
            if (tower) {
                list.add(new FleetLayout.Floor("B1", List.of(plant)));
            }
            double iaqPerM2 = switch (profile) {
                case OFFICE, CAMPUS -> 1 / 2_500.0;
                case INDUSTRIAL -> 1 / 6_000.0;
                case LOGISTICS -> 1 / 12_000.0;
            };
            for (int f = 1; f <= floors; f++) {
                String space = tower ? "open-office-" + f : profile == Profile.LOGISTICS ? "storage-" + f : "hall-floor-" + f;
                List<FleetLayout.Zone> zones = new ArrayList<>();
                if (f == 1 && !tower) {
                    zones.add(plant);
                }
                zones.add(zone(space, "iaq-sensor", atLeastOne(floorM2 * iaqPerM2),
                        "ont", park.fiber() && (tower || f > 1) ? atLeastOne(floorM2 / 1_500) : 0));
                if (f % 4 == 0 || !tower && floorM2 > 10_000) {
                    zones.add(zone("distribution-board-" + f, "energy-meter", atLeastOne(floorM2 / 20_000)));
                }
                if (f % 8 == 0) {
                    zones.add(zone("riser-" + f, "leak-sensor", 1));
                }
                list.add(new FleetLayout.Floor(String.valueOf(f), zones));
            }
            List<FleetLayout.Zone> roof = new ArrayList<>();
            if (pv) {
                // about 60 % of the footprint carries panels, an inverter per 2,000 m² of them
                roof.add(zone("pv-array", "pv-inverter", atLeastOne(floorM2 * 0.6 / 2_000)));
            }
            if (mast) {
                roof.add(zone("roof-mast", "weather-station", 1));
            }
            if (park.drones() && pv) {
                roof.add(zone("drone-pad", "drone-pad", random.nextInt(1, 4)));
            }
            if (!roof.isEmpty()) {
                list.add(new FleetLayout.Floor("roof", roof));
            }
            return new FleetLayout.Building(id, list);
        }

        private static int atLeastOne(double count) {
            return Math.max(1, (int) Math.round(count));
        }

        /** A zone with the given type/count pairs; types with a count of 0 are left out. */
        private static FleetLayout.Zone zone(String id, Object... typeCounts) {
            Map<String, Integer> devices = new LinkedHashMap<>();
            for (int i = 0; i < typeCounts.length; i += 2) {
                int n = (Integer) typeCounts[i + 1];
                if (n > 0) {
                    devices.put((String) typeCounts[i], n);
                }
            }
            return new FleetLayout.Zone(id, devices);
        }
    }
}
