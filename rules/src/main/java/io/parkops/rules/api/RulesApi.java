package io.parkops.rules.api;

import io.parkops.model.Device;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.rules.engine.Rule;
import io.parkops.rules.engine.RuleSet;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * {@code /api/rules}: list and read the rules in force; {@code PUT} saves a rule as
 * {@code {data dir}/rules/{ruleId}.json} (validated with every other rule first), {@code DELETE}
 * removes that file. Writes go through the rules verticle. A token limited to some sites sees the
 * rules that watch them and writes only rules of its sites ({@link RuleScope}).
 */
public final class RulesApi {

    private static final long BODY_LIMIT = 64 * 1024;
    private static final long TIMEOUT_MS = 10_000;

    private final Supplier<RuleSet> rules;
    private final Supplier<String> reloadError;

    public RulesApi(Supplier<RuleSet> rules, Supplier<String> reloadError) {
        this.rules = rules;
        this.reloadError = reloadError;
    }

    public void mount(Router router) {
        router.get("/api/rules").handler(this::list);
        router.get("/api/rules/:ruleId").handler(this::get);
        router.put("/api/rules/:ruleId").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(ctx -> send(ctx, RuleCommand.Action.PUT));
        router.delete("/api/rules/:ruleId").handler(ctx -> send(ctx, RuleCommand.Action.DELETE));
    }

    /** {@code {"rules": [...], "reloadError": null | "file: rules[i] (id ..): field ..."}}. */
    private void list(RoutingContext ctx) {
        RuleSet set = rules.get();
        SiteScope scope = Caller.scope(ctx::get);
        JsonArray array = new JsonArray();
        set.rules().stream().filter(r -> RuleScope.visible(scope, r)).forEach(r -> array.add(toJson(set, r)));
        ctx.json(new JsonObject().put("rules", array).put("reloadError", reloadError.get()));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("ruleId");
        RuleSet set = rules.get();
        set.find(id).filter(r -> RuleScope.visible(Caller.scope(ctx::get), r))
                .ifPresentOrElse(r -> ctx.json(toJson(set, r)), () -> notFound(ctx, id));
    }

    private static void notFound(RoutingContext ctx, String id) {
        ApiError.of(404, "rules:rule.notfound", "no rule with id '" + id + "'; list rules with GET /api/rules").send(ctx.response());
    }

    /**
     * A caller limited to some sites writes only rules of those sites ({@link RuleScope}); true when
     * the request was refused (and answered).
     */
    private boolean refusedOutOfScope(RoutingContext ctx, RuleCommand.Action action, String id) {
        SiteScope scope = Caller.scope(ctx::get);
        if (scope.isAll()) {
            return false;
        }
        java.util.Optional<Rule> existing = rules.get().find(id);
        if (existing.isPresent() && !RuleScope.visible(scope, existing.get())) {
            if (action == RuleCommand.Action.DELETE) {
                notFound(ctx, id);
            } else {
                ApiError.of(409, "rules:rule.conflict", "rule id '" + id + "' is in use outside " + scope
                        + "; choose another id").send(ctx.response());
            }
            return true;
        }
        if (existing.isPresent() && !RuleScope.writable(scope, existing.get())) {
            ApiError.of(403, "rules:rule.outofscope", RuleScope.refusal(scope, id, existing.get().tenant())).send(ctx.response());
            return true;
        }
        if (action == RuleCommand.Action.PUT) {
            Object tenant;
            Object building;
            try {
                JsonObject rule = new JsonObject(ctx.body().asString());
                tenant = rule.getValue("tenant");
                building = rule.getValue("attributes") instanceof JsonObject a ? a.getValue(Device.BUILDING) : null;
            } catch (RuntimeException e) {
                ApiError.of(400, "rules:rule.invalid", "body must be one rule as a JSON object with \"tenant\" set to one of "
                        + scope.sites()).send(ctx.response());
                return true;
            }
            if (!(tenant instanceof String t) || !RuleScope.writable(scope, t, building instanceof String b ? b : null)) {
                ApiError.of(403, "rules:rule.outofscope", RuleScope.refusal(scope, id, tenant == null ? null : String.valueOf(tenant)))
                        .send(ctx.response());
                return true;
            }
        }
        return false;
    }

    static JsonObject toJson(RuleSet set, Rule rule) {
        return set.source(rule.id())
                .map(s -> new JsonObject(s.json()).put("source", s.name()))
                .orElseGet(() -> new JsonObject().put("id", rule.id()).put("deviceType", rule.deviceType())
                        .put("message", rule.message()).put("source", "code"));
    }

    private void send(RoutingContext ctx, RuleCommand.Action action) {
        String id = ctx.pathParam("ruleId");
        if (refusedOutOfScope(ctx, action, id)) {
            return;
        }
        String body = action == RuleCommand.Action.PUT ? ctx.body().asString() : null;
        DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(TIMEOUT_MS);
        ctx.vertx().eventBus().<JsonObject>request(RuleCommand.ADDRESS, new RuleCommand(action, id, body).toJson(), options)
                .onSuccess(reply -> {
                    if (action == RuleCommand.Action.DELETE) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.json(reply.body());
                    }
                })
                .onFailure(e -> {
                    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                        ApiError.of(re.failureCode(), "rules:" + (re.failureCode() == 400 ? "rule.invalid"
                                : re.failureCode() == 404 ? "rule.notfound" : re.failureCode() == 503 ? "unavailable" : "rule.conflict"),
                                re.getMessage())
                                .send(ctx.response());
                    } else {
                        ApiError.of(503, "rules:unavailable", "the rules service did not answer (" + e.getMessage()
                                + "); retry in a moment").send(ctx.response());
                    }
                });
    }
}
