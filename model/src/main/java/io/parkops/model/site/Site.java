package io.parkops.model.site;

import io.parkops.model.ThingId;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One park of the estate as data: its id is the tenant of its things ({@code tenant:name}).
 * Validated on construction; {@link SiteJson} reads and writes it with messages that name the field.
 *
 * @param id                 the tenant, {@code [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*}
 * @param name               display name, e.g. {@code Nan'an Xindi}
 * @param areaM2             floor area in m², or null when not known
 * @param timeZone           the IANA time zone days and months are counted in
 * @param address            postal address, or null
 * @param gridEmissionFactor kg CO2e per kWh drawn from the grid, or null when not known
 * @param buildings          the site's buildings (ids as devices name them in their {@code building} attribute)
 */
public record Site(String id, String name, Double areaM2, ZoneId timeZone, String address, Double gridEmissionFactor,
                   List<Building> buildings) {

    /** A building of a site: its id as devices' {@code building} attribute names it, a display name, its floor area. */
    public record Building(String id, String name, Double areaM2) {

        public Building {
            if (!ThingId.isValidDeviceId(id)) {
                throw new IllegalArgumentException("id '" + id + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}, e.g. b1");
            }
            requireArea(areaM2, "areaM2");
        }
    }

    public Site {
        ThingId.requireValidTenant(id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required: the site's display name");
        }
        Objects.requireNonNull(timeZone, "timeZone");
        requireArea(areaM2, "areaM2");
        if (gridEmissionFactor != null && (gridEmissionFactor < 0 || gridEmissionFactor.isNaN() || gridEmissionFactor.isInfinite())) {
            throw new IllegalArgumentException("field 'gridEmissionFactor' must be a number of kgCO2e/kWh at least 0, got "
                    + gridEmissionFactor);
        }
        buildings = List.copyOf(buildings == null ? List.of() : buildings);
        Set<String> seen = new HashSet<>();
        for (Building b : buildings) {
            if (!seen.add(b.id())) {
                throw new IllegalArgumentException("field 'buildings' names building '" + b.id() + "' twice");
            }
        }
    }

    private static void requireArea(Double area, String field) {
        if (area != null && (area < 0 || area.isNaN() || area.isInfinite())) {
            throw new IllegalArgumentException("field '" + field + "' must be an area in m² of at least 0, got " + area);
        }
    }
}
