package io.parkops.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} and {@code GET /ready}: one check per component, each {@code UP},
 * {@code DEGRADED} (working, with a problem an operator should look at, e.g. InfluxDB away while
 * points are spooled) or {@code DOWN}. The overall status is the worst of them. {@code /health}
 * (liveness) answers 200 while the process can answer at all; {@code /ready} answers 503 as soon
 * as one component is DOWN.
 *
 * <p>Hand-written rather than vertx-health-check, whose checks know only up and down.
 */
public final class Health {

    /** A component's state, best first. */
    public enum Level { UP, DEGRADED, DOWN }

    /** What one check found; {@code details} (may be null) go into the check's entry as they are. */
    public record Finding(Level level, String reason, JsonObject details) {
        public Finding(Level level, String reason) {
            this(level, reason, null);
        }

        public static Finding up() {
            return new Finding(Level.UP, null);
        }
    }

    private static final long CHECK_TIMEOUT_MS = 2000;

    private final Vertx vertx;
    private final Map<String, Supplier<Future<Finding>>> checks = new LinkedHashMap<>();
    private String node;

    public Health(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Names the node that answers (its cluster node id) at the top of every answer; the dashboard's footer shows it. */
    public Health node(String nodeId) {
        this.node = nodeId;
        return this;
    }

    /** A check answered at once from local state. */
    public Health check(String name, Supplier<Finding> finding) {
        checks.put(name, () -> Future.succeededFuture(finding.get()));
        return this;
    }

    /** A check that asks a remote service; no answer within 2 s counts as the failure given. */
    public Health checkAsync(String name, Supplier<Future<Finding>> finding) {
        checks.put(name, finding);
        return this;
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> answer(ctx, false));
        router.get("/ready").handler(ctx -> answer(ctx, true));
    }

    private void answer(RoutingContext ctx, boolean readiness) {
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<Finding>> results = new ArrayList<>();
        for (String name : names) {
            results.add(withTimeout(checks.get(name)));
        }
        Future.join(results).onComplete(done -> {
            JsonArray list = new JsonArray();
            Level overall = Level.UP;
            for (int i = 0; i < names.size(); i++) {
                Future<Finding> f = results.get(i);
                Finding finding = f.succeeded() ? f.result() : new Finding(Level.DOWN, "check failed: " + f.cause().getMessage());
                overall = worst(overall, finding.level());
                JsonObject entry = new JsonObject().put("id", names.get(i)).put("status", finding.level().name());
                if (finding.reason() != null) {
                    entry.put("reason", finding.reason());
                }
                if (finding.details() != null) {
                    entry.put("details", finding.details());
                }
                list.add(entry);
            }
            int status = readiness && overall == Level.DOWN ? 503 : 200;
            JsonObject body = new JsonObject().put("status", overall.name());
            if (node != null) {
                body.put("node", node);
            }
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(body.put("checks", list).encode());
        });
    }

    private Future<Finding> withTimeout(Supplier<Future<Finding>> check) {
        try {
            return check.get().timeout(CHECK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    static Level worst(Level a, Level b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
