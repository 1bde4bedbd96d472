package io.parkops.platform.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard at {@code /}: static files from the jar ({@code webroot/}), no CDN and no
 * third-party scripts, so it works offline in a plant room; plus {@code GET /api/session}, which
 * tells the page who is signed in and with which role, so it offers only what that role may do.
 */
public final class Dashboard {

    public void mount(Router router) {
        // API authentication is not built yet: everyone is treated as admin until it is.
        router.get("/api/session").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("name", "anonymous").put("role", "admin").put("authenticated", false).encode()));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
    }
}
