package io.parkops.rules.alerts;

import io.parkops.model.Addresses;
import io.parkops.model.Alert;
import io.parkops.model.http.Caller;
import io.parkops.model.http.EventStreams;
import io.parkops.model.http.SiteScope;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/alerts/stream}: every alert transition as a Server-Sent Event
 * ({@code event: alert}, {@code id: <alert id>}, {@code data: <alert JSON>}). Optional query
 * parameter {@code tenant}; only the caller's sites are ever sent. Suppressed alerts are not sent (they are recorded, not notified). A
 * client that reads too slowly is cut off ({@link EventStreams}).
 */
final class AlertStream {

    private static final long KEEP_ALIVE_MS = 15_000;

    private AlertStream() {
    }

    static void open(RoutingContext ctx, EventStreams streams) {
        String tenant = ctx.request().getParam("tenant");
        SiteScope scope = Caller.scope(ctx::get);
        EventStreams.Stream events = streams.open(ctx.request(), "alerts");
        events.send(": parkops alert stream\n\n");
        MessageConsumer<Alert> consumer = ctx.vertx().eventBus().localConsumer(Addresses.ALERT_CHANGED, m -> {
            Alert alert = m.body();
            if (!alert.isSuppressed() && scope.allows(alert.device()) && (tenant == null || tenant.isBlank() || tenant.equals(alert.thingId().tenant()))) {
                events.send("event: alert\nid: " + alert.id() + "\ndata: " + AlertJson.toJson(alert).encode() + "\n\n");
            }
        });
        // a comment line now and then keeps proxies from closing an idle stream
        long timer = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, id -> events.send(": keep-alive\n\n"));
        Runnable unfollow = Caller.whenRevoked(ctx::get, () -> ctx.request().connection().close());
        ctx.response().closeHandler(v -> {
            unfollow.run();
            consumer.unregister();
            ctx.vertx().cancelTimer(timer);
        });
    }
}
