package io.parkops.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hardening headers on every HTTP response. The dashboard keeps an API token in the browser, so
 * the page may run only its own scripts and styles (no inline script, no inline style, no
 * framing): a value that slipped markup into the page could neither run nor exfiltrate the token.
 * The page talks only to its own origin (fetch, the SSE streams), which {@code 'self'} covers.
 * API responses carry the same headers: a JSON body opened directly in a browser is then inert
 * too, and nothing guesses its type ({@code nosniff}) or learns the URL it came from.
 */
public final class SecurityHeaders {

    /** The policy, as the dashboard's static files need it; {@code data:} only for the empty favicon. */
    static final Map<String, String> POLICY = orderedPolicy(
            "default-src", "'self'", "script-src", "'self'", "style-src", "'self'", "img-src", "'self' data:",
            "connect-src", "'self'", "frame-ancestors", "'none'", "base-uri", "'none'", "form-action", "'self'",
            "object-src", "'none'");

    private SecurityHeaders() {
    }

    /** Mount first, so that every route (errors and 404s included) answers with the headers. */
    public static void mount(Router router) {
        CSPHandler csp = CSPHandler.create();
        POLICY.forEach(csp::setDirective);
        router.route().handler(csp).handler(SecurityHeaders::others);
    }

    private static Map<String, String> orderedPolicy(String... namesAndValues) {
        Map<String, String> policy = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            policy.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(policy);
    }

    private static void others(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
        ctx.next();
    }
}
