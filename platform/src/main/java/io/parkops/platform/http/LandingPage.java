package io.parkops.platform.http;

import io.vertx.ext.web.Router;

/**
 * {@code GET /}: until the dashboard lands, a plain page that points at what there is to see.
 */
public final class LandingPage {

    private static final String HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ParkOps</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 2em auto;">
            <h1>ParkOps</h1>
            <p>The dashboard is on its way. Meanwhile:</p>
            <ul>
              <li><a href="/api/alerts">/api/alerts</a> &mdash; alerts raised by the rules</li>
              <li><code>/api/2/things/{tenant}:{deviceId}</code> &mdash; a device's twin, e.g.
                  <a href="/api/2/things/nanan:iaq-0001">nanan:iaq-0001</a></li>
              <li><a href="/ready">/ready</a> and <a href="/health">/health</a> &mdash; component status</li>
              <li><a href="/metrics">/metrics</a> &mdash; Prometheus metrics</li>
            </ul>
            </body></html>
            """;

    public void mount(Router router) {
        router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(HTML));
    }
}
