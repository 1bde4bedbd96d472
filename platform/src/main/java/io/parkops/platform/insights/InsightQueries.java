package io.parkops.platform.insights;

import io.parkops.model.ThingId;
import java.time.Duration;
import java.time.Instant;

/**
 * The InfluxQL behind the dashboard's energy and environment views, built from validated input
 * only: tenants must match the contract's pattern and free-text tag values are quoted with
 * InfluxQL's escaping, so a request can never change a query's shape.
 */
final class InsightQueries {

    /** A meter that has not reported for this long no longer counts towards "load now". */
    static final Duration NOW_WINDOW = Duration.ofMinutes(5);

    private InsightQueries() {
    }

    static String latestLoadPerMeter(String tenant) {
        return "SELECT last(\"activePower\") FROM \"energy\" WHERE " + tenantIs(tenant) + " AND time > now() - "
                + NOW_WINDOW.toMinutes() + "m GROUP BY \"building\", \"thing\"";
    }

    static String latestPvPerInverter(String tenant) {
        return "SELECT last(\"acPower\") FROM \"pv\" WHERE " + tenantIs(tenant) + " AND time > now() - "
                + NOW_WINDOW.toMinutes() + "m GROUP BY \"building\", \"thing\"";
    }

    /** Energy imported since {@code since} per meter: the spread of its monotonic register. */
    static String energySincePerMeter(String tenant, Instant since) {
        return "SELECT spread(\"activeEnergyImport\") FROM \"energy\" WHERE " + tenantIs(tenant) + " AND time >= "
                + since.toEpochMilli() + "ms GROUP BY \"building\", \"thing\"";
    }

    /** Site load over time: each meter's mean per bucket, summed across meters. */
    static String loadSeries(String tenant, Duration range, Duration bucket) {
        return sumOfMeans("activePower", "energy", tenant, range, bucket);
    }

    static String pvSeries(String tenant, Duration range, Duration bucket) {
        return sumOfMeans("acPower", "pv", tenant, range, bucket);
    }

    static String latestEnvironmentPerZone(String tenant, String building) {
        return "SELECT last(\"temperature\") AS \"temperature\", last(\"co2\") AS \"co2\", last(\"pm25\") AS \"pm25\" "
                + "FROM \"environment\" WHERE " + tenantIs(tenant) + buildingIs(building)
                + " AND time > now() - 1h GROUP BY \"building\", \"zone\"";
    }

    static String environmentSeries(String tenant, String building, Duration range, Duration bucket) {
        return "SELECT mean(\"temperature\") AS \"temperature\", mean(\"co2\") AS \"co2\", mean(\"pm25\") AS \"pm25\" "
                + "FROM \"environment\" WHERE " + tenantIs(tenant) + buildingIs(building) + " AND time > now() - "
                + range.toMinutes() + "m GROUP BY time(" + bucket.toMinutes() + "m), \"building\", \"zone\" fill(none)";
    }

    private static String sumOfMeans(String field, String measurement, String tenant, Duration range, Duration bucket) {
        String window = "time > now() - " + range.toMinutes() + "m";
        String group = "time(" + bucket.toMinutes() + "m)";
        return "SELECT sum(\"m\") FROM (SELECT mean(\"" + field + "\") AS \"m\" FROM \"" + measurement + "\" WHERE "
                + tenantIs(tenant) + " AND " + window + " GROUP BY " + group + ", \"thing\" fill(none)) WHERE " + window
                + " GROUP BY " + group + " fill(none)";
    }

    private static String tenantIs(String tenant) {
        ThingId.requireValidTenant(tenant);
        return "\"tenant\" = '" + tenant + "'";
    }

    private static String buildingIs(String building) {
        return building == null ? "" : " AND \"building\" = " + quote(building);
    }

    /** An InfluxQL string literal: backslashes and single quotes escaped. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
