package io.parkops.platform.insights;

import io.parkops.model.influx.InfluxQl;
import io.parkops.model.influx.InfluxSchema;
import io.parkops.model.site.Site;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A site's energy for one calendar month in the site's own time zone, per building and for the
 * site: kWh used (the spread of each meter's import register over the month), kWh per m², peak
 * load (the highest 15-minute mean of the meters together), PV generation (the spread of each
 * inverter's total yield), the share of PV used on site (per 15 minutes the smaller of load and
 * PV, over PV: without export meters, PV beyond the load counts as exported), and kgCO2e from the
 * site's grid emission factor. Energy between a meter's last reading of one month and its first of
 * the next falls in neither.
 */
final class EnergyReport {

    static final String[] CSV_COLUMNS = {"site", "month", "building", "name", "areaM2", "kWh", "kWhPerM2", "peakKw", "pvKwh",
        "pvSelfConsumptionShare", "kgCO2e"};
    private static final String SITE_ROW = "(site)";
    private static final long BUCKET_MINUTES = 15;
    private static final String ENERGY = InfluxSchema.measurement("energy");
    private static final String PV = InfluxSchema.measurement("pv");

    /** One building's (or the whole site's) figures being summed. */
    private static final class Figures {
        double kwh;
        double pvKwh;
        final Map<Long, double[]> buckets = new TreeMap<>(); // bucket start -> {load kW, PV kW}

        double peakKw() {
            return buckets.values().stream().mapToDouble(v -> v[0]).max().orElse(0);
        }

        Double selfConsumptionShare() {
            double pv = 0;
            double used = 0;
            for (double[] v : buckets.values()) {
                pv += v[1];
                used += Math.min(v[0], v[1]);
            }
            return pv <= 0 ? null : used / pv;
        }
    }

    private EnergyReport() {
    }

    /** The month [start, end) in the site's zone. */
    static Instant[] window(YearMonth month, ZoneId zone) {
        return new Instant[] {month.atDay(1).atStartOfDay(zone).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()};
    }

    static JsonObject build(InfluxReader influx, Site site, YearMonth month) {
        Instant[] window = window(month, site.timeZone());
        String during = "time >= " + window[0].toEpochMilli() + "ms AND time < " + window[1].toEpochMilli() + "ms";
        String where = " WHERE " + InfluxQl.tagIs(InfluxSchema.TENANT, site.id()) + " AND " + during;
        Map<String, Figures> buildings = new TreeMap<>();
        for (InfluxReader.Row row : influx.query(spreadPerDevice("activeEnergyImport", ENERGY, where))) {
            figures(buildings, row).kwh += EnergyView.nz(row.number("spread"));
        }
        for (InfluxReader.Row row : influx.query(spreadPerDevice("totalYield", PV, where))) {
            figures(buildings, row).pvKwh += EnergyView.nz(row.number("spread"));
        }
        addBuckets(buildings, influx.query(meanPerBucket("activePower", ENERGY, where, during)), 0);
        addBuckets(buildings, influx.query(meanPerBucket("acPower", PV, where, during)), 1);

        Figures total = new Figures();
        JsonArray rows = new JsonArray();
        buildings.forEach((id, f) -> {
            Site.Building described = site.buildings().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
            rows.add(row(id, described == null ? null : described.name(), described == null ? null : described.areaM2(), f, site));
            total.kwh += f.kwh;
            total.pvKwh += f.pvKwh;
            f.buckets.forEach((t, v) -> {
                double[] sum = total.buckets.computeIfAbsent(t, k -> new double[2]);
                sum[0] += v[0];
                sum[1] += v[1];
            });
        });
        return new JsonObject()
                .put("site", site.id())
                .put("name", site.name())
                .put("month", month.toString())
                .put("timeZone", site.timeZone().getId())
                .put("from", window[0].toString())
                .put("to", window[1].toString())
                .put("gridEmissionFactor", site.gridEmissionFactor())
                .put("buildings", rows)
                .put("total", row(SITE_ROW, site.name(), site.areaM2(), total, site));
    }

    /** The report as CSV: one row per building and one for the site, columns {@link #CSV_COLUMNS}. */
    static String csv(JsonObject report) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        List<JsonObject> rows = new java.util.ArrayList<>();
        report.getJsonArray("buildings").forEach(r -> rows.add((JsonObject) r));
        rows.add(report.getJsonObject("total"));
        for (JsonObject r : rows) {
            out.append(cell(report.getString("site"))).append(',').append(report.getString("month"));
            for (int i = 2; i < CSV_COLUMNS.length; i++) {
                out.append(',').append(cell(r.getValue(CSV_COLUMNS[i])));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static JsonObject row(String building, String name, Double areaM2, Figures f, Site site) {
        Double share = f.selfConsumptionShare();
        return new JsonObject()
                .put("building", building)
                .put("name", name)
                .put("areaM2", areaM2)
                .put("kWh", EnergyView.round(f.kwh))
                .put("kWhPerM2", areaM2 == null || areaM2 <= 0 ? null : Math.round(f.kwh / areaM2 * 10_000) / 10_000.0)
                .put("peakKw", EnergyView.round(f.peakKw()))
                .put("pvKwh", EnergyView.round(f.pvKwh))
                .put("pvSelfConsumptionShare", share == null ? null : Math.round(share * 1000) / 1000.0)
                .put("kgCO2e", site.gridEmissionFactor() == null ? null : EnergyView.round(f.kwh * site.gridEmissionFactor()));
    }

    private static String spreadPerDevice(String field, String measurement, String where) {
        return "SELECT spread(" + InfluxQl.identifier(field) + ") FROM " + InfluxQl.identifier(measurement) + where
                + " GROUP BY " + InfluxQl.identifiers(InfluxSchema.BUILDING, InfluxSchema.THING);
    }

    /**
     * Per building and 15 minutes: each device's mean, summed over the building's devices. The outer
     * query sees only the inner one's tags (building, thing), so it filters on time alone.
     */
    private static String meanPerBucket(String field, String measurement, String where, String during) {
        String group = "time(" + BUCKET_MINUTES + "m)";
        return "SELECT sum(\"m\") FROM (SELECT mean(" + InfluxQl.identifier(field) + ") AS \"m\" FROM "
                + InfluxQl.identifier(measurement) + where + " GROUP BY " + group + ", "
                + InfluxQl.identifiers(InfluxSchema.BUILDING, InfluxSchema.THING) + " fill(none)) WHERE " + during + " GROUP BY " + group
                + ", " + InfluxQl.identifier(InfluxSchema.BUILDING) + " fill(none)";
    }

    private static void addBuckets(Map<String, Figures> buildings, List<InfluxReader.Row> rows, int slot) {
        for (InfluxReader.Row row : rows) {
            figures(buildings, row).buckets.computeIfAbsent(row.time(), t -> new double[2])[slot] += EnergyView.nz(row.number("sum"));
        }
    }

    private static Figures figures(Map<String, Figures> buildings, InfluxReader.Row row) {
        String building = row.tag(InfluxSchema.BUILDING);
        return buildings.computeIfAbsent(building == null || building.isEmpty() ? "(no building)" : building, b -> new Figures());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        // numbers as written, never in exponent form (8.0E-4) a spreadsheet may read as text
        String text = value instanceof Double d ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
