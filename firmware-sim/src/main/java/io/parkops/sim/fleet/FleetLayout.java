package io.parkops.sim.fleet;

import io.parkops.model.ThingId;
import io.parkops.model.site.SiteJson;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A park as a layout file describes it: sites (one per tenant), their buildings, floors and
 * zones, and how many devices of each built-in type sit in each zone. Every record validates
 * itself, so a mistake in a file surfaces where the parser knows the line and field.
 *
 * @param sites     at least one; a tenant appears once
 * @param intervals optional reporting interval in seconds per device type; types not listed
 *                  report on the run's {@code --interval}
 */
public record FleetLayout(List<Site> sites, Map<String, Double> intervals) {

    public FleetLayout {
        if (sites == null || sites.isEmpty()) {
            throw new IllegalArgumentException("'sites' must list at least one site");
        }
        sites = List.copyOf(sites);
        if (sites.stream().map(Site::tenant).distinct().count() != sites.size()) {
            throw new IllegalArgumentException("'sites' lists a tenant twice");
        }
        intervals = validIntervals(intervals, "intervals.");
    }

    /** The interval of a type on a site: the site's own, else the layout's; empty when neither names the type. */
    public Optional<Double> intervalSeconds(String tenant, String typeId) {
        Double own = site(tenant).intervals().get(typeId);
        return Optional.ofNullable(own != null ? own : intervals.get(typeId));
    }

    /** The tenants in file order. */
    public List<String> tenants() {
        return sites.stream().map(Site::tenant).toList();
    }

    /** The site of a tenant; a tenant the file does not describe is laid out like the first site. */
    public Site site(String tenant) {
        return sites.stream().filter(s -> s.tenant().equals(tenant)).findFirst().orElse(sites.get(0));
    }

    /** The layouts of several files side by side; each tenant must come from one file only. */
    public static FleetLayout merge(List<FleetLayout> layouts) {
        List<Site> all = new ArrayList<>();
        Map<String, Double> intervals = new LinkedHashMap<>();
        layouts.forEach(l -> {
            all.addAll(l.sites());
            intervals.putAll(l.intervals());
        });
        return new FleetLayout(all, intervals);
    }

    /**
     * One park of a tenant.
     *
     * @param intervals   optional reporting interval in seconds per device type for this site only,
     *                    before the layout's {@code intervals} (a big generated park reports less often)
     * @param description optional: the site as {@code PUT /api/sites/{id}} takes it (name, areaM2, timeZone,
     *                    address, gridEmissionFactor, buildings); the simulator puts it to the platform
     *                    before provisioning the devices
     */
    public record Site(String tenant, List<Building> buildings, Map<String, Double> intervals, Map<String, Object> description) {
        public Site {
            ThingId.requireValidTenant(tenant);
            buildings = nonEmpty(buildings, "buildings");
            intervals = validIntervals(intervals, "intervals.");
            description = description == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description));
            if (description != null) {
                SiteJson.parse(tenant, new JsonObject(Json.encode(description)));
            }
        }

        public Site(String tenant, List<Building> buildings) {
            this(tenant, buildings, null, null);
        }

        /** The site as the platform keeps it, when the layout describes it. */
        public Optional<io.parkops.model.site.Site> describedSite() {
            return description == null ? Optional.empty()
                    : Optional.of(SiteJson.parse(tenant, new JsonObject(Json.encode(description))));
        }

        /** Where each device of a kind sits, in file order: the n-th device of the kind gets the n-th place. */
        public Map<DeviceKind, List<Map<String, String>>> places() {
            Map<DeviceKind, List<Map<String, String>>> places = new EnumMap<>(DeviceKind.class);
            for (Building b : buildings) {
                for (Floor f : b.floors()) {
                    for (Zone z : f.zones()) {
                        z.devices().forEach((type, count) -> {
                            List<Map<String, String>> list = places.computeIfAbsent(DeviceKind.ofTypeId(type), k -> new ArrayList<>());
                            for (int i = 0; i < count; i++) {
                                list.add(Map.of("building", b.id(), "floor", f.id(), "zone", z.id()));
                            }
                        });
                    }
                }
            }
            return places;
        }
    }

    public record Building(String id, List<Floor> floors) {
        public Building {
            requireName(id, "id");
            floors = nonEmpty(floors, "floors");
        }
    }

    public record Floor(String id, List<Zone> zones) {
        public Floor {
            requireName(id, "id");
            zones = nonEmpty(zones, "zones");
        }
    }

    /** @param devices device type id → how many of that type sit in the zone (0..100,000) */
    public record Zone(String id, Map<String, Integer> devices) {
        public Zone {
            requireName(id, "id");
            if (devices == null || devices.isEmpty()) {
                throw new IllegalArgumentException("'devices' must map at least one device type to a count, e.g. {iaq-sensor: 2}");
            }
            devices.forEach((type, count) -> {
                DeviceKind.ofTypeId(type);
                if (count == null || count < 0 || count > 100_000) {
                    throw new IllegalArgumentException("'devices." + type + "' must be a count 0..100000, was " + count);
                }
            });
            devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        }
    }

    private static Map<String, Double> validIntervals(Map<String, Double> intervals, String field) {
        if (intervals == null) {
            return Map.of();
        }
        intervals.forEach((type, seconds) -> {
            DeviceKind.ofTypeId(type);
            if (seconds == null || !(seconds > 0)) {
                throw new IllegalArgumentException("'" + field + type + "' must be a positive number of seconds");
            }
        });
        return Map.copyOf(intervals);
    }

    private static <T> List<T> nonEmpty(List<T> list, String field) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' must list at least one entry");
        }
        list.forEach(e -> Objects.requireNonNull(e, field + " has an empty entry"));
        return List.copyOf(list);
    }

    private static void requireName(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty name");
        }
    }
}
