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

    public void mount(Router router) {
        router.get("/api/notifications/dead-letters").handler(ctx -> {
            SiteScope scope = Caller.scope(ctx::get);
            JsonArray letters = deadLetters.toJson();
            if (!scope.isAll()) { // the payload is the alert, which names its tenant
                letters = new JsonArray(letters.stream().filter(l -> l instanceof JsonObject o && o.getJsonObject("payload") != null
                        && scope.allows(String.valueOf(o.getJsonObject("payload").getValue("tenant")))).toList());
            }
            ctx.json(letters);
        });
    }
}
