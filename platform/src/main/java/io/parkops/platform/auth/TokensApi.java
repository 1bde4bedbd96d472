package io.parkops.platform.auth;

import io.parkops.model.config.SharedConfig;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.SiteScope;
import java.util.List;
import java.util.function.Predicate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET/POST /api/tokens}, {@code PUT/DELETE /api/tokens/{name}} (admin), and
 * {@code GET /api/session}: who the caller is, so the dashboard offers only what the role may do.
 */
public final class TokensApi {

    private static final List<String> FIELDS = List.of("name", "role", "sites", "buildings");

    private final TokenStore tokens;
    private final Predicate<String> knownSite;

    /** @param knownSite whether a site id names a site (or a tenant with devices) here: a token for another is refused */
    public TokensApi(TokenStore tokens, Predicate<String> knownSite) {
        this.tokens = tokens;
        this.knownSite = knownSite;
    }

    public void mount(Router router) {
        router.get("/api/session").handler(this::session);
        router.get("/api/tokens").handler(ctx -> {
            Principal who = ctx.get(Principal.CONTEXT_KEY);
            JsonArray list = new JsonArray();
            tokens.list().stream().filter(e -> who.sites().covers(e.sites())).forEach(e -> list.add(toJson(e)));
            json(ctx, 200, list.encode());
        });
        router.post("/api/tokens").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::create);
        router.put("/api/tokens/:name").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::change);
        router.delete("/api/tokens/:name").handler(ctx -> {
            String name = ctx.pathParam("name");
            if (!manages(ctx, name)) {
                notFound(ctx, name);
                return;
            }
            ctx.vertx().executeBlocking(() -> tokens.delete(name))
                    .onSuccess(deleted -> {
                        if (deleted) {
                            ctx.response().setStatusCode(204).end();
                        } else {
                            notFound(ctx, name);
                        }
                    }).onFailure(e -> failed(ctx, e));
        });
    }

    private void session(RoutingContext ctx) {
        Principal who = ctx.get(Principal.CONTEXT_KEY);
        json(ctx, 200, withSites(new JsonObject().put("name", who.name()).put("role", who.role().label())
                .put("authenticated", true), who.sites()).encode());
    }

    private void create(RoutingContext ctx) {
        JsonObject body = bodyOf(ctx, "body must be JSON {\"name\": \"...\", \"role\": \"viewer|operator|integrator|admin\", "
                + "\"sites\": [\"nanan\"] (optional)}");
        if (body == null) {
            return;
        }
        try {
            SiteScope sites = permittedSites(ctx, body);
            if (sites == null) {
                return;
            }
            String name = body.getString("name");
            Role role = Role.parse(String.valueOf(body.getValue("role")));
            // on a worker: in a cluster the token is in Kafka before it is kept
            ctx.vertx().executeBlocking(() -> tokens.create(name, role, sites))
                    .onSuccess(issued -> json(ctx, 201, toJson(issued.entry()).put("token", issued.token()).encode()))
                    .onFailure(e -> failed(ctx, e));
        } catch (IllegalArgumentException e) {
            failed(ctx, e);
        }
    }

    /**
     * {@code PUT /api/tokens/{name}} {@code {"role": "viewer", "sites": ["nanan"]}}: another role and
     * sites for a token, keeping its secret; what is open with it is closed (opened with the old rights).
     */
    private void change(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        JsonObject body = bodyOf(ctx, "body must be JSON {\"role\": \"viewer|operator|integrator|admin\", "
                + "\"sites\": [\"nanan\"] (optional: absent is every site)}");
        if (body == null) {
            return;
        }
        try {
            if (!manages(ctx, name)) {
                notFound(ctx, name);
                return;
            }
            if (body.containsKey("name") && !name.equals(body.getValue("name"))) {
                throw new IllegalArgumentException("'name' must be '" + name + "' (a token is not renamed: make a new one)");
            }
            SiteScope sites = permittedSites(ctx, body);
            if (sites == null) {
                return;
            }
            Role role = Role.parse(String.valueOf(body.getValue("role")));
            ctx.vertx().executeBlocking(() -> tokens.change(name, role, sites))
                    .onSuccess(changed -> changed.ifPresentOrElse(entry -> json(ctx, 200, toJson(entry).encode()), () -> notFound(ctx, name)))
                    .onFailure(e -> failed(ctx, e));
        } catch (IllegalArgumentException e) {
            failed(ctx, e);
        }
    }

    /** Whether the caller's sites cover the token's (an admin of one site does not manage the estate's tokens). */
    private boolean manages(RoutingContext ctx, String name) {
        Principal who = ctx.get(Principal.CONTEXT_KEY);
        return tokens.current(name).map(entry -> who.sites().covers(entry.sites())).orElse(true);
    }

    private static void notFound(RoutingContext ctx, String name) {
        ApiError.of(404, "auth:token.notfound", "no token named '" + name + "'").send(ctx.response());
    }

    /** The body as JSON, or null after answering 400 with {@code expected}. */
    private static JsonObject bodyOf(RoutingContext ctx, String expected) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null) {
            ApiError.of(400, "auth:body.invalid", expected).send(ctx.response());
        }
        return body;
    }

    /** The body's sites, known here and within the caller's own; null after answering 403 when they are not within. */
    private SiteScope permittedSites(RoutingContext ctx, JsonObject body) {
        SiteScope sites = sites(body);
        requireKnown(sites);
        Principal who = ctx.get(Principal.CONTEXT_KEY);
        if (!who.sites().covers(sites)) {
            ApiError.of(403, "auth:site.outofscope", "this token is limited to " + who.sites()
                    + "; the token's 'sites' must lie within them").send(ctx.response());
            return null;
        }
        return sites;
    }

    /** A token for a mistyped site would see nothing and say nothing: refused, naming the site. */
    private void requireKnown(SiteScope sites) {
        if (sites.isAll()) {
            return;
        }
        for (String site : sites.sites()) {
            if (!knownSite.test(site)) {
                throw new IllegalArgumentException("'" + site + "' is not a site here: declare it first with PUT /api/sites/"
                        + site + " (or in the bootstrap file), then make the token");
            }
        }
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof SharedConfig.Unavailable) {
            ApiError.of(503, "auth:store.unavailable", e.getMessage()).send(ctx.response());
        } else if (e instanceof IllegalArgumentException) {
            ApiError.of(400, "auth:field.invalid", e.getMessage()).send(ctx.response());
        } else if (e instanceof IllegalStateException) {
            ApiError.of(409, "auth:token.exists", e.getMessage()).send(ctx.response());
        } else {
            ctx.fail(e);
        }
    }

    /**
     * {@code "sites": ["nanan"]} scopes the token to those sites, {@code "buildings": ["b1"]} further to
     * buildings of its one site; absent (or null) means every site.
     */
    private static SiteScope sites(JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; a token has " + FIELDS);
            }
        }
        List<String> sites = strings(body, "sites", "site ids such as [\"nanan\"]");
        List<String> buildings = strings(body, "buildings", "building ids such as [\"b1\"]");
        if (sites == null) {
            if (buildings != null) {
                throw new IllegalArgumentException("'buildings' needs 'sites' with the one site they belong to, "
                        + "e.g. {\"sites\": [\"nanan\"], \"buildings\": [\"b1\"]}");
            }
            return SiteScope.ALL;
        }
        return SiteScope.of(sites, buildings);
    }

    /** An optional array of strings; null when absent. */
    private static List<String> strings(JsonObject body, String field, String example) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.stream().anyMatch(s -> !(s instanceof String))) {
            throw new IllegalArgumentException("'" + field + "' must be an array of " + example);
        }
        return array.stream().map(String.class::cast).toList();
    }

    private static JsonObject toJson(TokenStore.Entry e) {
        return withSites(new JsonObject().put("name", e.name()).put("role", e.role().label())
                .put("createdAt", java.time.Instant.ofEpochMilli(e.createdAt()).toString()), e.sites());
    }

    private static JsonObject withSites(JsonObject json, SiteScope sites) {
        if (!sites.isAll()) {
            json.put("sites", new JsonArray(List.copyOf(sites.sites())));
        }
        return sites.limitsBuildings() ? json.put("buildings", new JsonArray(List.copyOf(sites.buildings()))) : json;
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
