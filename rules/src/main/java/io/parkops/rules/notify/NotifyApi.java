package io.parkops.rules.notify;

import io.vertx.ext.web.Router;

/** {@code GET /api/notifications/dead-letters}: webhook deliveries that failed every attempt. */
public final class NotifyApi {

    private final DeadLetters deadLetters;

    public NotifyApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void mount(Router router) {
        router.get("/api/notifications/dead-letters").handler(ctx -> ctx.json(deadLetters.toJson()));
    }
}
