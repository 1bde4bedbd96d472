package io.parkops.platform.insights;

import static io.parkops.model.influx.InfluxSchema.BUILDING;
import static io.parkops.model.influx.InfluxSchema.TENANT;
import static io.parkops.model.influx.InfluxSchema.THING;
import static io.parkops.model.influx.InfluxSchema.ZONE;

import io.parkops.model.ThingId;
import io.parkops.model.influx.InfluxQl;
import io.parkops.model.influx.InfluxSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The InfluxQL behind the dashboard's energy and environment views, built from validated input
 * only: tenants must match the contract's pattern and free-text tag values are quoted with
 * InfluxQL's escaping, so a request can never change a query's shape. Tag names come from
 * {@link InfluxSchema}; measurements and fields are the built-in device types' features and properties.
 */
final class InsightQueries {

    /** A meter that has not reported for this long no longer counts towards "load now". */
    static final Duration NOW_WINDOW = Duration.ofMinutes(5);

    private static final String ENERGY = InfluxSchema.measurement("energy");
    private static final String PV = InfluxSchema.measurement("pv");
    private static final String ENVIRONMENT = InfluxSchema.measurement("environment");
    private static final String PER_METER = " GROUP BY " + InfluxQl.identifiers(BUILDING, THING);
    private static final String PER_SITE_DEVICE = " GROUP BY " + InfluxQl.identifiers(TENANT, THING);
    private static final String PER_ZONE = InfluxQl.identifiers(BUILDING, ZONE);

    private InsightQueries() {
    }

    static String latestLoadPerMeter(String tenant) {
        return latest("activePower", ENERGY, tenantIs(tenant), PER_METER);
    }

    static String latestPvPerInverter(String tenant) {
        return latest("acPower", PV, tenantIs(tenant), PER_METER);
    }

    /** Energy imported since {@code since} per meter: the spread of its monotonic register. */
    static String energySincePerMeter(String tenant, Instant since) {
        return spreadSince("activeEnergyImport", ENERGY, tenantIs(tenant), since, PER_METER);
    }

    /** For the portfolio: every meter's latest load, of all {@code tenants} in one query, per site and meter. */
    static String latestLoadPerSiteMeter(Collection<String> tenants) {
        return latest("activePower", ENERGY, tenantsAre(tenants), PER_SITE_DEVICE);
    }

    /** For the portfolio: energy imported since {@code since} per site and meter. */
    static String energySincePerSiteMeter(Collection<String> tenants, Instant since) {
        return spreadSince("activeEnergyImport", ENERGY, tenantsAre(tenants), since, PER_SITE_DEVICE);
    }

    /** For the portfolio: PV generated since {@code since} per site and inverter (the spread of its total yield). */
    static String pvSincePerSiteInverter(Collection<String> tenants, Instant since) {
        return spreadSince("totalYield", PV, tenantsAre(tenants), since, PER_SITE_DEVICE);
    }

    /** Site load over time: each meter's mean per bucket, summed across meters. */
    static String loadSeries(String tenant, Duration range, Duration bucket) {
        return sumOfMeans("activePower", ENERGY, tenant, range, bucket);
    }

    static String pvSeries(String tenant, Duration range, Duration bucket) {
        return sumOfMeans("acPower", PV, tenant, range, bucket);
    }

    static String latestEnvironmentPerZone(String tenant, String building) {
        return "SELECT last(\"temperature\") AS \"temperature\", last(\"co2\") AS \"co2\", last(\"pm25\") AS \"pm25\" "
                + "FROM " + InfluxQl.identifier(ENVIRONMENT) + " WHERE " + tenantIs(tenant) + buildingIs(building)
                + " AND time > now() - 1h GROUP BY " + PER_ZONE;
    }

    static String environmentSeries(String tenant, String building, Duration range, Duration bucket) {
        return "SELECT mean(\"temperature\") AS \"temperature\", mean(\"co2\") AS \"co2\", mean(\"pm25\") AS \"pm25\" "
                + "FROM " + InfluxQl.identifier(ENVIRONMENT) + " WHERE " + tenantIs(tenant) + buildingIs(building)
                + " AND time > now() - " + range.toMinutes() + "m GROUP BY time(" + bucket.toMinutes() + "m), " + PER_ZONE
                + " fill(none)";
    }

    private static String sumOfMeans(String field, String measurement, String tenant, Duration range, Duration bucket) {
        String window = "time > now() - " + range.toMinutes() + "m";
        String group = "time(" + bucket.toMinutes() + "m)";
        return "SELECT sum(\"m\") FROM (SELECT mean(" + InfluxQl.identifier(field) + ") AS \"m\" FROM "
                + InfluxQl.identifier(measurement) + " WHERE " + tenantIs(tenant) + " AND " + window + " GROUP BY " + group
                + ", " + InfluxQl.identifier(THING) + " fill(none)) WHERE " + window + " GROUP BY " + group + " fill(none)";
    }

    private static String latest(String field, String measurement, String where, String groupBy) {
        return "SELECT last(" + InfluxQl.identifier(field) + ") FROM " + InfluxQl.identifier(measurement) + " WHERE " + where
                + " AND time > now() - " + NOW_WINDOW.toMinutes() + "m" + groupBy;
    }

    private static String spreadSince(String field, String measurement, String where, Instant since, String groupBy) {
        return "SELECT spread(" + InfluxQl.identifier(field) + ") FROM " + InfluxQl.identifier(measurement) + " WHERE " + where
                + " AND time >= " + since.toEpochMilli() + "ms" + groupBy;
    }

    /** Any of {@code tenants} (at least one). */
    private static String tenantsAre(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("at least one site is needed");
        }
        return tenants.stream().map(InsightQueries::tenantIs).collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static String tenantIs(String tenant) {
        ThingId.requireValidTenant(tenant);
        return InfluxQl.tagIs(TENANT, tenant);
    }

    private static String buildingIs(String building) {
        return building == null ? "" : " AND " + InfluxQl.tagIs(BUILDING, building);
    }
}
