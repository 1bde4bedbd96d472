package io.parkops.rules.alerts;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/alerts/stream}: every alert transition as a Server-Sent Event
 * ({@code event: alert}, {@code id: <alert id>}, {@code data: <alert JSON>}). Optional query
 * parameter {@code tenant}. Suppressed alerts are not sent (they are recorded, not notified).
 */
final class AlertStream {

    private static final long KEEP_ALIVE_MS = 15_000;

    private AlertStream() {
    }

    static void open(RoutingContext ctx) {
        String tenant = ctx.request().getParam("tenant");
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
        response.write(": parkops alert stream\n\n");
        MessageConsumer<Alert> consumer = ctx.vertx().eventBus().localConsumer(Addresses.ALERT_CHANGED, m -> {
            Alert alert = m.body();
            if (!alert.isSuppressed() && (tenant == null || tenant.isBlank() || tenant.equals(alert.thingId().tenant()))) {
                response.write("event: alert\nid: " + alert.id() + "\ndata: " + AlertJson.toJson(alert).encode() + "\n\n");
            }
        });
        // a comment line now and then keeps proxies from closing an idle stream
        long timer = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            consumer.unregister();
            ctx.vertx().cancelTimer(timer);
        });
    }
}
