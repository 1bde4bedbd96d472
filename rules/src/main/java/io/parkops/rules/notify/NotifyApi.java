package io.parkops.rules.notify;

import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/notifications/dead-letters}: webhook deliveries that failed every attempt (of the caller's sites). */
public final class NotifyApi {

    private final DeadLetters deadLetters;

    public NotifyApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    private static boolean visible(SiteScope scope, JsonObject alert) {
        if (alert == null) {
            return false;
        }
        JsonObject attributes = alert.getJsonObject("attributes", new JsonObject());
        return scope.allows(String.valueOf(alert.getValue("tenant")), attributes.getString("building"));
    }

    public void mount(Router router) {
        router.get("/api/notifications/dead-letters").handler(ctx -> {
            SiteScope scope = Caller.scope(ctx::get);
            JsonArray letters = deadLetters.toJson();
            if (!scope.isAll()) { // the payload is the alert, which names its tenant and the device's attributes
                letters = new JsonArray(letters.stream().filter(l -> l instanceof JsonObject o && visible(scope, o.getJsonObject("payload")))
                        .toList());
            }
            ctx.json(letters);
        });
    }
}
