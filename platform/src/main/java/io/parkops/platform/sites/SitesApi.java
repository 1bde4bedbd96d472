package io.parkops.platform.sites;

import io.parkops.model.ThingId;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET /api/sites}, {@code GET/PUT/DELETE /api/sites/{id}}: the estate's sites. Anyone signed in
 * reads the sites of their scope (others answer 404, as if absent); integrators and admins write
 * ({@code PUT} creates or replaces, 201 or 200 with the stored site). A token scoped to some sites
 * writes only those.
 */
public final class SitesApi {

    private static final long MAX_BODY = 64 * 1024;

    private final Vertx vertx;
    private final SiteStore store;

    public SitesApi(Vertx vertx, SiteStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/sites").handler(this::list);
        router.get("/api/sites/:id").handler(this::get);
        router.put("/api/sites/:id").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::put);
        router.delete("/api/sites/:id").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        SiteScope scope = Caller.scope(ctx::get);
        JsonArray out = new JsonArray();
        store.all().stream().filter(s -> scope.seesSite(s.id())).forEach(s -> out.add(SiteJson.toJson(s)));
        json(ctx, 200, out.encode());
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.find(id).filter(s -> Caller.scope(ctx::get).seesSite(s.id()))
                .ifPresentOrElse(s -> json(ctx, 200, SiteJson.toJson(s).encode()), () -> notFound(ctx, id));
    }

    private void put(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!ThingId.isValidTenant(id)) {
            invalid(ctx, "site id '" + id + "' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)* (it is the tenant of the site's things, e.g. nanan)");
            return;
        }
        if (refusedOutOfScope(ctx, id)) {
            return;
        }
        Site site;
        try {
            site = SiteJson.parse(id, ctx.body().isEmpty() ? null : ctx.body().asJsonObject());
        } catch (DecodeException | ClassCastException e) {
            ApiError.of(400, "sites:body.invalid", "body must be a JSON object such as {\"name\": \"Nan'an Xindi\", "
                    + "\"areaM2\": 450000, \"timeZone\": \"Asia/Shanghai\"}").send(ctx.response());
            return;
        } catch (IllegalArgumentException e) {
            invalid(ctx, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> store.put(site), false)
                .onSuccess(created -> {
                    if (created) {
                        ctx.response().putHeader("location", "/api/sites/" + id);
                    }
                    json(ctx, created ? 201 : 200, SiteJson.toJson(site).encode());
                })
                .onFailure(e -> ApiError.of(503, "sites:store.unavailable", "the site could not be stored: " + e.getMessage())
                        .send(ctx.response()));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (refusedOutOfScope(ctx, id)) {
            return;
        }
        vertx.executeBlocking(() -> store.remove(id), false).onSuccess(removed -> {
            if (removed) {
                ctx.response().setStatusCode(204).end();
            } else {
                notFound(ctx, id);
            }
        }).onFailure(e -> ApiError.of(503, "sites:store.unavailable", "the site could not be removed: " + e.getMessage())
                .send(ctx.response()));
    }

    /**
     * A scoped token writes only its own sites, wholly (a token for some buildings reads its site but does
     * not change it); the answer is the same whether the other site exists or not.
     */
    private static boolean refusedOutOfScope(RoutingContext ctx, String id) {
        SiteScope scope = Caller.scope(ctx::get);
        if (scope.allows(id)) {
            return false;
        }
        ApiError.of(403, "sites:site.outofscope", "this token is limited to " + scope + "; it may not write site '" + id
                + "' (ask an admin for a token that includes it)").send(ctx.response());
        return true;
    }

    private static void notFound(RoutingContext ctx, String id) {
        ApiError.of(404, "sites:site.notfound", "no site '" + id + "'; list sites with GET /api/sites").send(ctx.response());
    }

    private static void invalid(RoutingContext ctx, String message) {
        ApiError.of(400, "sites:field.invalid", message).send(ctx.response());
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
