package io.parkops.rules.api;

import io.parkops.model.Alert;
import io.parkops.model.DeviceTypes;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.rules.alerts.AlertJson;
import io.parkops.rules.backtest.Backtester;
import io.parkops.rules.backtest.InfluxHistory;
import io.parkops.rules.engine.Rule;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /api/rules/{ruleId}/backtest?from=…&to=…}: the alerts a rule (the saved one, or the
 * one in the body) would have raised over the InfluxDB history between {@code from} and
 * {@code to} (ISO-8601 instants or epoch ms; {@code to} defaults to now). Runs on a worker thread.
 */
public final class BacktestApi {

    /** The live verticle's timer period, so that the replay fires timers when the live engine would. */
    public static final long TICK_MILLIS = 1000;
    private static final long MAX_RANGE_MILLIS = 31L * 24 * 3600 * 1000;

    private final Supplier<RuleSet> rules;
    private final InfluxHistory history;
    private final DeviceTypes types;

    public BacktestApi(Supplier<RuleSet> rules, InfluxHistory history, DeviceTypes types) {
        this.rules = rules;
        this.history = history;
        this.types = types;
    }

    public void mount(Router router) {
        router.post("/api/rules/:ruleId/backtest").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::run);
    }

    private void run(RoutingContext ctx) {
        String id = ctx.pathParam("ruleId");
        long from;
        long to;
        Rule rule;
        try {
            to = time(ctx.request().getParam("to"), "to", System.currentTimeMillis());
            from = time(ctx.request().getParam("from"), "from", -1);
            if (from < 0 || to <= from || to - from > MAX_RANGE_MILLIS) {
                throw new IllegalArgumentException("query parameters 'from' and 'to' must give a range of at most 31 days "
                        + "with from < to, e.g. ?from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z");
            }
            rule = rule(ctx, id);
        } catch (IllegalArgumentException e) {
            ApiError.of(400, "rules:backtest.invalid", e.getMessage()).send(ctx.response());
            return;
        }
        SiteScope scope = Caller.scope(ctx::get);
        if (rule != null && !RuleScope.visible(scope, rule)) {
            rule = null; // another site's rule: as if absent
        }
        if (rule != null && !RuleScope.writable(scope, rule)) { // it would read other sites' history
            ApiError.of(403, "rules:rule.outofscope", RuleScope.refusal(scope, id, rule.tenant())).send(ctx.response());
            return;
        }
        if (rule == null) {
            ApiError.of(404, "rules:rule.notfound", "no rule with id '" + id + "'; post the rule in the body to try it "
                    + "before saving it").send(ctx.response());
            return;
        }
        long f = from;
        long t = to;
        Rule tried = rule;
        ctx.vertx().executeBlocking(() -> new Backtester(types, TICK_MILLIS).run(tried, history.read(tried, f, t), f, t))
                .onSuccess(alerts -> ctx.json(result(id, f, t, alerts)))
                .onFailure(e -> ApiError.of(e instanceof IllegalArgumentException ? 400 : 503,
                        "rules:backtest.failed", "backtest failed: " + e.getMessage()).send(ctx.response()));
    }

    private Rule rule(RoutingContext ctx, String id) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            return rules.get().find(id).orElse(null);
        }
        RuleSet posted = RuleSet.parse(body.getBytes(StandardCharsets.UTF_8), "body");
        return posted.find(id).orElseThrow(() -> new IllegalArgumentException(
                "body: must be one rule whose field 'id' is '" + id + "' (the id in the path)"));
    }

    private static JsonObject result(String id, long from, long to, List<Alert> alerts) {
        return new JsonObject().put("ruleId", id).put("from", Instant.ofEpochMilli(from).toString())
                .put("to", Instant.ofEpochMilli(to).toString()).put("alerts", AlertJson.toJson(alerts));
    }

    private static long time(String text, String name, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2026-11-27T00:00:00Z or epoch milliseconds, got '" + text + "'");
        }
    }
}
