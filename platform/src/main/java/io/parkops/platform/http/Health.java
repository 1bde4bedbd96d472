package io.parkops.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health} (the process answers) and {@code GET /ready} (every component it needs is
 * reachable: 200 when all are up, 503 naming the ones that are not).
 */
public final class Health {

    private static final long CHECK_TIMEOUT_MS = 2000;

    private final HealthChecks liveness;
    private final HealthChecks readiness;

    public Health(Vertx vertx) {
        this.liveness = HealthChecks.create(vertx);
        this.readiness = HealthChecks.create(vertx);
        liveness.register("process", p -> p.complete(Status.OK()));
    }

    /** A readiness check answered at once from local state. */
    public Health ready(String name, BooleanSupplier up, String downReason) {
        readiness.register(name, CHECK_TIMEOUT_MS, p -> p.complete(up.getAsBoolean()
                ? Status.OK() : Status.KO(new JsonObject().put("reason", downReason))));
        return this;
    }

    /** A readiness check that asks a remote service. */
    public Health readyAsync(String name, Supplier<Future<Boolean>> probe, String downReason) {
        readiness.register(name, CHECK_TIMEOUT_MS, p -> probe.get()
                .onSuccess(up -> p.complete(up ? Status.OK() : Status.KO(new JsonObject().put("reason", downReason))))
                .onFailure(e -> p.complete(Status.KO(new JsonObject().put("reason", downReason + ": " + e.getMessage())))));
        return this;
    }

    public void mount(Router router) {
        router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness));
        router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    }
}
