package io.parkops.platform.insights;

import io.parkops.model.influx.InfluxSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** "Is every zone comfortable": the latest and recent temperature, CO2 and PM2.5 per zone, with the comfort band. */
final class EnvironmentView {

    /**
     * The comfort band drawn on the charts: 20-26 °C (EN 16798-1 category II, offices), CO2 at most
     * 1000 ppm (the usual ventilation target, about 600 ppm above outdoor air) and PM2.5 at most
     * 35 µg/m³ (the US EPA 24-hour standard).
     */
    static final JsonObject COMFORT = new JsonObject()
            .put("temperature", new JsonArray().add(20).add(26))
            .put("co2", new JsonArray().add(0).add(1000))
            .put("pm25", new JsonArray().add(0).add(35));

    private static final String[] FIELDS = {"temperature", "co2", "pm25"};

    private EnvironmentView() {
    }

    static JsonObject build(InfluxReader influx, String tenant, String building, Duration range, Duration bucket) {
        Map<String, JsonObject> zones = new TreeMap<>();
        for (InfluxReader.Row row : influx.query(InsightQueries.latestEnvironmentPerZone(tenant, building))) {
            zone(zones, row).put("now", values(row));
        }
        for (InfluxReader.Row row : influx.query(InsightQueries.environmentSeries(tenant, building, range, bucket))) {
            zone(zones, row).getJsonArray("series").add(values(row).put("t", Instant.ofEpochMilli(row.time()).toString()));
        }
        zones.values().forEach(z -> z.put("comfortable", comfortable(z.getJsonObject("now"))));
        return new JsonObject().put("tenant", tenant).put("building", building).put("comfort", COMFORT)
                .put("bucketMinutes", bucket.toMinutes()).put("zones", new JsonArray(java.util.List.copyOf(zones.values())));
    }

    private static JsonObject zone(Map<String, JsonObject> zones, InfluxReader.Row row) {
        String building = row.tag(InfluxSchema.BUILDING);
        String zone = row.tag(InfluxSchema.ZONE);
        return zones.computeIfAbsent(building + "/" + zone, k -> new JsonObject().put("building", building).put("zone", zone)
                .put("now", new JsonObject()).put("series", new JsonArray()));
    }

    private static JsonObject values(InfluxReader.Row row) {
        JsonObject v = new JsonObject();
        for (String f : FIELDS) {
            Double d = row.number(f);
            if (d != null) {
                v.put(f, EnergyView.round(d));
            }
        }
        return v;
    }

    /** Null when nothing is known; otherwise whether every known value lies in its band. */
    static Boolean comfortable(JsonObject now) {
        if (now == null || now.isEmpty()) {
            return null;
        }
        for (String f : FIELDS) {
            Double v = now.getDouble(f);
            JsonArray band = COMFORT.getJsonArray(f);
            if (v != null && (v < band.getDouble(0) || v > band.getDouble(1))) {
                return false;
            }
        }
        return true;
    }
}
