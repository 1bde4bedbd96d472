package io.parkops.platform.insights;

import io.parkops.model.influx.InfluxSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "What is this site using now, what is the roof producing, how much did each building use
 * today": assembled from the meters' and inverters' points.
 */
final class EnergyView {

    private EnergyView() {
    }

    static JsonObject build(InfluxReader influx, String tenant, Duration range, Duration bucket, Instant startOfDay) {
        Map<String, double[]> buildings = new TreeMap<>(); // building -> {loadKw, pvKw, todayKwh}
        sumInto(buildings, influx.query(InsightQueries.latestLoadPerMeter(tenant)), "last", 0);
        sumInto(buildings, influx.query(InsightQueries.latestPvPerInverter(tenant)), "last", 1);
        sumInto(buildings, influx.query(InsightQueries.energySincePerMeter(tenant, startOfDay)), "spread", 2);

        JsonArray perBuilding = new JsonArray();
        double[] totals = new double[3];
        buildings.forEach((building, v) -> {
            perBuilding.add(new JsonObject().put("building", building).put("loadKw", round(v[0]))
                    .put("pvKw", round(v[1])).put("todayKwh", round(v[2])));
            for (int i = 0; i < 3; i++) {
                totals[i] += v[i];
            }
        });
        return new JsonObject()
                .put("tenant", tenant)
                .put("buildings", perBuilding)
                .put("totals", new JsonObject().put("loadKw", round(totals[0])).put("pvKw", round(totals[1]))
                        .put("todayKwh", round(totals[2])))
                .put("since", startOfDay.toString())
                .put("series", series(influx, tenant, range, bucket));
    }

    private static JsonObject series(InfluxReader influx, String tenant, Duration range, Duration bucket) {
        Map<Long, double[]> points = new TreeMap<>();
        for (InfluxReader.Row row : influx.query(InsightQueries.loadSeries(tenant, range, bucket))) {
            points.computeIfAbsent(row.time(), t -> new double[2])[0] = nz(row.number("sum"));
        }
        for (InfluxReader.Row row : influx.query(InsightQueries.pvSeries(tenant, range, bucket))) {
            points.computeIfAbsent(row.time(), t -> new double[2])[1] = nz(row.number("sum"));
        }
        JsonArray out = new JsonArray();
        points.forEach((t, v) -> out.add(new JsonObject().put("t", Instant.ofEpochMilli(t).toString())
                .put("loadKw", round(v[0])).put("pvKw", round(v[1]))));
        return new JsonObject().put("bucketMinutes", bucket.toMinutes()).put("points", out);
    }

    private static void sumInto(Map<String, double[]> buildings, List<InfluxReader.Row> rows, String column, int slot) {
        for (InfluxReader.Row row : rows) {
            String building = row.tag(InfluxSchema.BUILDING);
            buildings.computeIfAbsent(building == null || building.isEmpty() ? "(no building)" : building,
                    b -> new double[3])[slot] += nz(row.number(column));
        }
    }

    static double nz(Double d) {
        return d == null ? 0 : d;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
