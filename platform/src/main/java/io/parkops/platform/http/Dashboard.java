package io.parkops.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard at {@code /}: static files from the jar ({@code webroot/}), no CDN and no
 * third-party scripts, so it works offline in a plant room. The page signs in with a token and
 * asks {@code GET /api/session} for its role, so it offers only what that role may do.
 */
public final class Dashboard {

    public void mount(Router router) {
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
    }
}
