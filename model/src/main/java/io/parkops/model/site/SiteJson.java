package io.parkops.model.site;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Site} as JSON, the same for the API, the bootstrap file and the store:
 * <pre>
 * {"id": "nanan", "name": "Nan'an Xindi", "areaM2": 450000, "timeZone": "Asia/Shanghai",
 *  "address": "...", "gridEmissionFactor": 0.5703,
 *  "buildings": [{"id": "b1", "name": "Tower 1", "areaM2": 52000}]}
 * </pre>
 * Only {@code name} is required; {@code timeZone} defaults to UTC. Unknown fields are refused, so
 * a typo such as {@code area} cannot be silently dropped.
 */
public final class SiteJson {

    private static final Set<String> SITE_FIELDS = Set.of("id", "name", "areaM2", "timeZone", "address",
            "gridEmissionFactor", "buildings");
    private static final Set<String> BUILDING_FIELDS = Set.of("id", "name", "areaM2");
    private static final int MAX_TEXT = 500;

    private SiteJson() {
    }

    /**
     * The site {@code id} as {@code json} describes it; an {@code id} in the body must be {@code id}.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static Site parse(String id, JsonObject json) {
        if (json == null) {
            throw new IllegalArgumentException("body must be a JSON object such as {\"name\": \"Nan'an Xindi\", \"areaM2\": 450000}");
        }
        unknownFields(json.getMap(), SITE_FIELDS, "");
        Object bodyId = json.getValue("id");
        if (bodyId != null && !bodyId.equals(id)) {
            throw new IllegalArgumentException("field 'id' is '" + bodyId + "' but the path names site '" + id + "'");
        }
        List<Site.Building> buildings = new ArrayList<>();
        Object list = json.getValue("buildings");
        if (list != null && !(list instanceof JsonArray)) {
            throw new IllegalArgumentException("field 'buildings' must be an array of {\"id\", \"name\", \"areaM2\"}");
        }
        if (list != null) {
            JsonArray array = (JsonArray) list;
            for (int i = 0; i < array.size(); i++) {
                buildings.add(building(array.getValue(i), "buildings[" + i + "]"));
            }
        }
        return new Site(id, text(json, "name", ""), number(json, "areaM2", ""), zone(json), text(json, "address", ""),
                number(json, "gridEmissionFactor", ""), buildings);
    }

    public static JsonObject toJson(Site site) {
        JsonArray buildings = new JsonArray();
        site.buildings().forEach(b -> buildings.add(new JsonObject().put("id", b.id()).put("name", b.name()).put("areaM2", b.areaM2())));
        return new JsonObject().put("id", site.id()).put("name", site.name()).put("areaM2", site.areaM2())
                .put("timeZone", site.timeZone().getId()).put("address", site.address())
                .put("gridEmissionFactor", site.gridEmissionFactor()).put("buildings", buildings);
    }

    private static Site.Building building(Object value, String where) {
        if (!(value instanceof JsonObject json)) {
            throw new IllegalArgumentException("field '" + where + "' must be an object {\"id\", \"name\", \"areaM2\"}");
        }
        unknownFields(json.getMap(), BUILDING_FIELDS, where + ".");
        Object id = json.getValue("id");
        if (!(id instanceof String s) || !io.parkops.model.ThingId.isValidDeviceId(s)) {
            throw new IllegalArgumentException("field '" + where + ".id' is required and must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: "
                    + "the building id devices name in their 'building' attribute, e.g. b1");
        }
        String name = text(json, "name", where + ".");
        return new Site.Building(s, name == null ? s : name, number(json, "areaM2", where + "."));
    }

    private static void unknownFields(Map<String, Object> json, Set<String> known, String prefix) {
        for (String key : json.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + prefix + key + "'; a " + (prefix.isEmpty() ? "site" : "building")
                        + " has " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static String text(JsonObject json, String field, String prefix) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.length() > MAX_TEXT) {
            throw new IllegalArgumentException("field '" + prefix + field + "' must be a string of at most " + MAX_TEXT + " characters");
        }
        return s;
    }

    private static Double number(JsonObject json, String field, String prefix) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("field '" + prefix + field + "' must be a number, got " + Json.encode(value));
        }
        double d = n.doubleValue();
        if (d < 0) {
            throw new IllegalArgumentException("field '" + prefix + field + "' must be at least 0, got " + n);
        }
        return d;
    }

    private static ZoneId zone(JsonObject json) {
        Object value = json.getValue("timeZone");
        if (value == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(String.valueOf(value));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field 'timeZone' must be an IANA time zone such as Asia/Shanghai, got '" + value + "'");
        }
    }
}
