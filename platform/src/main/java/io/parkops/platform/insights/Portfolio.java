package io.parkops.platform.insights;

import io.parkops.model.Alert;
import io.parkops.model.Severity;
import io.parkops.model.http.SiteScope;
import io.parkops.model.influx.InfluxSchema;
import io.parkops.model.site.Site;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.ditto.things.model.Thing;

/**
 * The estate at a glance, one entry per site of the caller's scope: load now, kWh today and this
 * month (in the site's time zone), kWh per m² over the last 12 months, the PV share of this month,
 * and what {@link SiteConditions} reads from the twins and alerts. Sites come worst first,
 * {@link #WORST_FIRST}.
 *
 * <p>InfluxDB is asked once per measure for all the sites together, grouped by site; windows that
 * start at local midnight are asked once per distinct start (every site in Asia/Shanghai shares one).
 * The 12-month figure scans a year of readings and moves slowly: each site's is kept for
 * {@link #YEAR_MAX_AGE} and asked again only then.
 */
final class Portfolio {

    static final Duration YEAR_MAX_AGE = Duration.ofHours(1);

    /** The order, as the answer states it for whoever reads the list. */
    static final String ORDER = "critical alerts, then major alerts, then share of zones outside comfort, then ONTs down, "
            + "then grounded drones, then warnings (most first), then site id";

    /** One site's figures and the keys it is ranked by. */
    private record Entry(String id, JsonObject json, SiteConditions conditions) {
    }

    private static final Comparator<Entry> WORST_FIRST = Comparator
            .comparingLong((Entry e) -> e.conditions().alerts(Severity.CRITICAL)).reversed()
            .thenComparing(Comparator.comparingLong((Entry e) -> e.conditions().alerts(Severity.MAJOR)).reversed())
            .thenComparing(Comparator.comparingDouble((Entry e) -> EnergyView.nz(e.conditions().outsideShare())).reversed())
            .thenComparing(Comparator.comparingInt((Entry e) -> e.conditions().ontsDown()).reversed())
            .thenComparing(e -> !"grounded".equals(e.conditions().droneState()))
            .thenComparing(Comparator.comparingLong((Entry e) -> e.conditions().alerts(Severity.WARNING)).reversed())
            .thenComparing(Entry::id);

    private final InfluxReader influx;
    private final ZoneId defaultZone;
    private final Map<String, double[]> yearKwh = new ConcurrentHashMap<>(); // site -> {kWh, asked at epoch ms}

    /** {@code defaultZone}: where a site nobody described counts its days. */
    Portfolio(InfluxReader influx, ZoneId defaultZone) {
        this.influx = influx;
        this.defaultZone = defaultZone;
    }

    /**
     * {@code described}: the sites as /api/sites has them; a tenant with twins but no description is listed by
     * its id. Only sites {@code scope} allows as a whole are listed (their figures are the whole site's).
     * Blocking: call it on a worker.
     */
    JsonObject build(SiteScope scope, List<Site> described, Iterable<Thing> twins, List<Alert> active, Instant now) {
        Map<String, Site> sites = new TreeMap<>();
        Map<String, SiteConditions> conditions = new HashMap<>();
        described.stream().filter(s -> scope.allows(s.id())).forEach(s -> sites.put(s.id(), s));
        for (Thing thing : twins) {
            String tenant = SiteConditions.attribute(thing, "tenant").orElse(null);
            if (tenant != null && scope.allows(tenant)) {
                sites.computeIfAbsent(tenant, id -> new Site(id, id, null, defaultZone, null, null, List.of()));
                conditions.computeIfAbsent(tenant, t -> new SiteConditions()).add(thing);
            }
        }
        for (Alert alert : active) {
            if (sites.containsKey(alert.device().id().tenant())) {
                conditions.computeIfAbsent(alert.device().id().tenant(), t -> new SiteConditions()).add(alert);
            }
        }
        JsonObject answer = new JsonObject().put("at", now.toString()).put("order", ORDER).put("sites", new JsonArray());
        if (sites.isEmpty()) {
            return answer; // nothing to ask InfluxDB (a token for some buildings of a site: no whole site)
        }
        // the alerts, comfort, drones and ONTs come from the twins: without InfluxDB the list still
        // serves, worst first, with the energy figures unknown (null) and the reason said
        Energy energy;
        try {
            energy = Energy.read(influx, sites.values(), now);
            energy.yearKwh.putAll(twelveMonths(sites.values(), now));
        } catch (RuntimeException e) {
            energy = null;
            answer.put("energyUnavailable", "InfluxDB could not answer (" + e.getMessage() + "); energy figures are unknown");
        }
        List<Entry> entries = new ArrayList<>();
        for (Site site : sites.values()) {
            SiteConditions c = conditions.computeIfAbsent(site.id(), t -> new SiteConditions());
            entries.add(new Entry(site.id(), json(site, energy, c), c));
        }
        entries.sort(WORST_FIRST);
        entries.forEach(e -> answer.getJsonArray("sites").add(e.json()));
        return answer;
    }

    private static JsonObject json(Site site, Energy energy, SiteConditions c) {
        String id = site.id();
        Double area = site.areaM2();
        JsonObject json = new JsonObject().put("site", id).put("name", site.name()).put("timeZone", site.timeZone().getId())
                .put("areaM2", area);
        if (energy == null) { // InfluxDB did not answer
            List.of("loadKw", "todayKwh", "monthKwh", "last12MonthsKwh", "kWhPerM2Last12Months", "monthPvKwh", "pvShare")
                    .forEach(json::putNull);
        } else {
            double month = energy.monthKwh.getOrDefault(id, 0.0);
            double year = energy.yearKwh.getOrDefault(id, 0.0);
            double pv = energy.monthPvKwh.getOrDefault(id, 0.0);
            json.put("loadKw", EnergyView.round(energy.loadKw.getOrDefault(id, 0.0)))
                    .put("todayKwh", EnergyView.round(energy.todayKwh.getOrDefault(id, 0.0)))
                    .put("monthKwh", EnergyView.round(month))
                    .put("last12MonthsKwh", EnergyView.round(year))
                    .put("kWhPerM2Last12Months", area == null || area <= 0 ? null : Math.round(year / area * 10_000) / 10_000.0)
                    .put("monthPvKwh", EnergyView.round(pv))
                    // PV beyond the site's own use counts as exported: the share is at most 1
                    .put("pvShare", month <= 0 ? null : Math.round(Math.min(1, pv / month) * 1000) / 1000.0);
        }
        return json.put("alerts", c.alertsJson())
                .put("comfort", c.comfortJson())
                .put("drones", c.dronesJson())
                .put("onts", c.ontsJson());
    }

    /** Each site's kWh over the 12 months up to now, from {@link #yearKwh} where it is younger than {@link #YEAR_MAX_AGE}. */
    private Map<String, Double> twelveMonths(Collection<Site> sites, Instant now) {
        long stale = now.minus(YEAR_MAX_AGE).toEpochMilli();
        List<Site> ask = sites.stream().filter(s -> {
            double[] known = yearKwh.get(s.id());
            return known == null || known[1] < stale;
        }).toList();
        Map<String, Double> asked = new HashMap<>();
        Energy.bySince(ask, z -> now.atZone(z).minusMonths(12).toInstant()).forEach((since, ids) ->
                Energy.sum(influx.query(InsightQueries.energySincePerSiteMeter(ids, since)), "spread", asked));
        ask.forEach(s -> yearKwh.put(s.id(), new double[] {asked.getOrDefault(s.id(), 0.0), now.toEpochMilli()}));
        Map<String, Double> out = new HashMap<>();
        sites.forEach(s -> out.put(s.id(), yearKwh.get(s.id())[0]));
        return out;
    }

    /** The sites' energy figures by site id (but the 12 months'), from a handful of queries for all of them. */
    private static final class Energy {
        final Map<String, Double> loadKw = new HashMap<>();
        final Map<String, Double> todayKwh = new HashMap<>();
        final Map<String, Double> monthKwh = new HashMap<>();
        final Map<String, Double> yearKwh = new HashMap<>();
        final Map<String, Double> monthPvKwh = new HashMap<>();

        static Energy read(InfluxReader influx, Collection<Site> sites, Instant now) {
            Energy e = new Energy();
            List<String> all = sites.stream().map(Site::id).toList();
            sum(influx.query(InsightQueries.latestLoadPerSiteMeter(all)), "last", e.loadKw);
            Map<Instant, List<String>> days = bySince(sites, z -> LocalDate.ofInstant(now, z).atStartOfDay(z).toInstant());
            Map<Instant, List<String>> months = bySince(sites, z -> YearMonth.from(now.atZone(z)).atDay(1).atStartOfDay(z).toInstant());
            days.forEach((since, ids) -> sum(influx.query(InsightQueries.energySincePerSiteMeter(ids, since)), "spread", e.todayKwh));
            months.forEach((since, ids) -> {
                sum(influx.query(InsightQueries.energySincePerSiteMeter(ids, since)), "spread", e.monthKwh);
                sum(influx.query(InsightQueries.pvSincePerSiteInverter(ids, since)), "spread", e.monthPvKwh);
            });
            return e;
        }

        /** The sites grouped by where their window starts (sites in one zone share a start). */
        static Map<Instant, List<String>> bySince(Collection<Site> sites, Function<ZoneId, Instant> start) {
            Map<Instant, List<String>> out = new TreeMap<>();
            sites.forEach(s -> out.computeIfAbsent(start.apply(s.timeZone()), k -> new ArrayList<>()).add(s.id()));
            return out;
        }

        static void sum(List<InfluxReader.Row> rows, String column, Map<String, Double> into) {
            for (InfluxReader.Row row : rows) {
                into.merge(row.tag(InfluxSchema.TENANT), EnergyView.nz(row.number(column)), Double::sum);
            }
        }
    }
}
