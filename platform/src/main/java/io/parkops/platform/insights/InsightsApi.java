package io.parkops.platform.insights;

import io.parkops.model.Alert;
import io.parkops.model.ThingId;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.model.site.Site;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.ditto.things.model.Thing;

/**
 * The dashboard's history views, answered from InfluxDB through the platform (browsers never
 * talk to InfluxDB):
 * <ul>
 *   <li>{@code GET /api/insights/energy?tenant=&range=24h|7d&tz=} — load, PV and today's kWh per building, and
 *       consumption against PV over the range; "today" starts at midnight in the site's time zone (from
 *       {@code /api/sites}), in {@code tz} only for a site nobody described;</li>
 *   <li>{@code GET /api/insights/environment?tenant=&building=&range=24h|7d} — temperature, CO2 and PM2.5 per
 *       zone, now and over the range, with the comfort band;</li>
 *   <li>{@code GET /api/reports/energy?site=&month=YYYY-MM} — the month's energy per building and for the site
 *       ({@link EnergyReport}), in the site's time zone; CSV with {@code Accept: text/csv}, JSON otherwise;</li>
 *   <li>{@code GET /api/portfolio} — every site of the caller's scope, worst first ({@link Portfolio}).</li>
 * </ul>
 * A site outside the caller's scope answers 404, and so does the whole site to a token limited to
 * some of its buildings (it asks the environment view with {@code building}).
 */
public final class InsightsApi implements AutoCloseable {

    private final Vertx vertx;
    private final InfluxReader influx;
    private final ZoneId defaultZone;
    private final Function<String, Optional<Site>> sites;
    private PortfolioSources portfolioSources;
    private Portfolio portfolio;

    /** Where the portfolio reads the estate: the described sites, the twins and the active alerts. */
    public record PortfolioSources(Supplier<List<Site>> sites, Supplier<? extends Iterable<Thing>> twins,
                                   Supplier<List<Alert>> activeAlerts) {
    }

    /** {@code sites}: the estate's sites as described (name, area, time zone, emission factor), by id. */
    public InsightsApi(Vertx vertx, String influxUrl, String database, ZoneId defaultZone,
                       Function<String, Optional<Site>> sites) {
        this.vertx = vertx;
        this.influx = new InfluxReader(influxUrl, database);
        this.defaultZone = defaultZone;
        this.sites = sites;
    }

    /** Serves {@code GET /api/portfolio} from {@code sources} too. */
    public InsightsApi withPortfolio(PortfolioSources sources) {
        this.portfolioSources = sources;
        this.portfolio = new Portfolio(influx, defaultZone);
        return this;
    }

    public void mount(Router router) {
        if (portfolio != null) {
            router.get("/api/portfolio").handler(this::portfolio);
        }
        router.get("/api/insights/energy").handler(this::energy);
        router.get("/api/insights/environment").handler(this::environment);
        router.get("/api/reports/energy").handler(this::energyReport);
    }

    private void energyReport(RoutingContext ctx) {
        String id = ctx.queryParams().get("site");
        if (!ThingId.isValidTenant(id)) {
            ApiError.of(400, "reports:site.invalid", "query parameter 'site' is required and must be a site id such as nanan")
                    .send(ctx.response());
            return;
        }
        if (!Caller.scope(ctx::get).allows(id)) {
            ApiError.of(404, "reports:site.notfound", "no site '" + id + "'; list sites with GET /api/sites").send(ctx.response());
            return;
        }
        // a site nobody described yet still has a report: its id as its name, the platform's zone, no areas
        Site site = sites.apply(id).orElseGet(() -> new Site(id, id, null, defaultZone, null, null, List.of()));
        String asked = ctx.queryParams().get("month");
        YearMonth month;
        try {
            month = asked == null || asked.isBlank() ? YearMonth.now(site.timeZone()) : YearMonth.parse(asked);
        } catch (DateTimeException e) {
            ApiError.of(400, "reports:month.invalid", "month must be a calendar month as YYYY-MM, e.g. 2026-11, got '" + asked + "'")
                    .send(ctx.response());
            return;
        }
        String accept = ctx.request().getHeader("Accept");
        boolean csv = accept != null && accept.contains("text/csv");
        vertx.executeBlocking(() -> EnergyReport.build(influx, site, month), false)
                .onSuccess(report -> {
                    if (csv) {
                        ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                                .putHeader("content-disposition", "attachment; filename=\"energy-" + site.id() + '-' + month + ".csv\"")
                                .end(EnergyReport.csv(report));
                    } else {
                        ctx.response().putHeader("content-type", "application/json").end(report.encode());
                    }
                })
                .onFailure(e -> ApiError.of(503, "reports:influxdb.unavailable", "InfluxDB could not answer: " + e.getMessage())
                        .send(ctx.response()));
    }

    private void portfolio(RoutingContext ctx) {
        SiteScope scope = Caller.scope(ctx::get);
        answer(ctx, () -> portfolio.build(scope, portfolioSources.sites().get(), portfolioSources.twins().get(),
                portfolioSources.activeAlerts().get(), Instant.now()));
    }

    private void energy(RoutingContext ctx) {
        Request r = Request.parse(ctx, defaultZone, null);
        if (r == null) {
            return;
        }
        // the site's day, wherever the browser is; the browser's zone only for a site without a description
        ZoneId zone = sites.apply(r.tenant()).map(Site::timeZone).orElse(r.zone());
        Instant startOfDay = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        answer(ctx, () -> EnergyView.build(influx, r.tenant(), r.range(), r.bucket(), startOfDay).put("timeZone", zone.getId()));
    }

    private void environment(RoutingContext ctx) {
        String building = ctx.queryParams().get("building");
        Request r = Request.parse(ctx, defaultZone, building == null || building.isBlank() ? null : building);
        if (r == null) {
            return;
        }
        answer(ctx, () -> EnvironmentView.build(influx, r.tenant(), building == null || building.isBlank() ? null : building,
                r.range(), r.bucket()));
    }

    private void answer(RoutingContext ctx, Callable<JsonObject> view) {
        vertx.executeBlocking(view, false)
                .onSuccess(json -> ctx.response().putHeader("content-type", "application/json").end(json.encode()))
                .onFailure(e -> ApiError.of(503, "insights:influxdb.unavailable",
                        "InfluxDB could not answer: " + e.getMessage()).send(ctx.response()));
    }

    @Override
    public void close() {
        influx.close();
    }

    /** The common query parameters, validated; null after an error response was sent. */
    private record Request(String tenant, Duration range, Duration bucket, ZoneId zone) {

        /** {@code building}: the one building asked for, or null for the whole site (which a token for some buildings may not see). */
        static Request parse(RoutingContext ctx, ZoneId defaultZone, String building) {
            String tenant = ctx.queryParams().get("tenant");
            if (!ThingId.isValidTenant(tenant)) {
                bad(ctx, "tenant", "query parameter 'tenant' is required and must be a site id such as nanan");
                return null;
            }
            SiteScope scope = Caller.scope(ctx::get);
            if (building == null ? !scope.allows(tenant) : !scope.allows(tenant, building)) { // answered as a site with none
                ApiError.of(404, "insights:site.notfound", "no site '" + tenant + "'; list sites with GET /api/sites")
                        .send(ctx.response());
                return null;
            }
            String range = ctx.queryParams().get("range");
            Duration duration;
            Duration bucket;
            if (range == null || range.equals("24h")) {
                duration = Duration.ofHours(24);
                bucket = Duration.ofMinutes(15);
            } else if (range.equals("7d")) {
                duration = Duration.ofDays(7);
                bucket = Duration.ofHours(2);
            } else {
                bad(ctx, "range", "range must be 24h or 7d, got '" + range + "'");
                return null;
            }
            ZoneId zone = defaultZone;
            String tz = ctx.queryParams().get("tz");
            if (tz != null && !tz.isBlank()) {
                try {
                    zone = ZoneId.of(tz);
                } catch (DateTimeException e) {
                    bad(ctx, "tz", "tz must be a time-zone id such as Asia/Shanghai, got '" + tz + "'");
                    return null;
                }
            }
            return new Request(tenant, duration, bucket, zone);
        }

        private static void bad(RoutingContext ctx, String field, String message) {
            ApiError.of(400, "insights:" + field + ".invalid", message).send(ctx.response());
        }
    }
}
