package io.parkops.platform.auth;

import io.parkops.model.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET/POST /api/tokens}, {@code DELETE /api/tokens/{name}} (admin), and
 * {@code GET /api/session}: who the caller is, so the dashboard offers only what the role may do.
 */
public final class TokensApi {

    private final TokenStore tokens;

    public TokensApi(TokenStore tokens) {
        this.tokens = tokens;
    }

    public void mount(Router router) {
        router.get("/api/session").handler(this::session);
        router.get("/api/tokens").handler(ctx -> {
            JsonArray list = new JsonArray();
            tokens.list().forEach(e -> list.add(toJson(e)));
            json(ctx, 200, list.encode());
        });
        router.post("/api/tokens").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::create);
        router.delete("/api/tokens/:name").handler(ctx -> {
            if (tokens.delete(ctx.pathParam("name"))) {
                ctx.response().setStatusCode(204).end();
            } else {
                ApiError.of(404, "auth:token.notfound", "no token named '" + ctx.pathParam("name") + "'").send(ctx.response());
            }
        });
    }

    private void session(RoutingContext ctx) {
        Principal who = ctx.get(Principal.CONTEXT_KEY);
        json(ctx, 200, new JsonObject().put("name", who.name()).put("role", who.role().label())
                .put("authenticated", true).encode());
    }

    private void create(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            ApiError.of(400, "auth:body.invalid", "body must be JSON {\"name\": \"...\", \"role\": \"viewer|operator|integrator|admin\"}")
                    .send(ctx.response());
            return;
        }
        try {
            TokenStore.Issued issued = tokens.create(body.getString("name"), Role.parse(String.valueOf(body.getValue("role"))));
            json(ctx, 201, toJson(issued.entry()).put("token", issued.token()).encode());
        } catch (IllegalArgumentException e) {
            ApiError.of(400, "auth:field.invalid", e.getMessage()).send(ctx.response());
        } catch (IllegalStateException e) {
            ApiError.of(409, "auth:token.exists", e.getMessage()).send(ctx.response());
        }
    }

    private static JsonObject toJson(TokenStore.Entry e) {
        return new JsonObject().put("name", e.name()).put("role", e.role().label())
                .put("createdAt", java.time.Instant.ofEpochMilli(e.createdAt()).toString());
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
