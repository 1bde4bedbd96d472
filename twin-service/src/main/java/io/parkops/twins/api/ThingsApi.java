package io.parkops.twins.api;

import io.parkops.model.ThingId;
import io.parkops.model.http.ApiError;
import io.parkops.twins.store.TwinStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * The read side of Ditto's things API: {@code GET /api/2/things/{thingId}} and every sub-path
 * ({@code /attributes/...}, {@code /features/{f}/properties/{p}}, {@code /definition}, ...),
 * answered with the same JSON and error shape Ditto uses.
 */
public final class ThingsApi {

    private static final String PREFIX = "/api/2/things/";

    private final TwinStore store;

    public ThingsApi(TwinStore store) {
        this.store = store;
    }

    public void mount(Router router) {
        router.getWithRegex("/api/2/things/([^/]+)(/.*)?").handler(this::get);
    }

    private void get(RoutingContext ctx) {
        String path = ctx.normalizedPath().substring(PREFIX.length());
        int slash = path.indexOf('/');
        String rawId = slash < 0 ? path : path.substring(0, slash);
        String subPath = slash < 0 ? "" : path.substring(slash);
        ThingId id;
        try {
            id = ThingId.parseDitto(rawId);
        } catch (IllegalArgumentException e) {
            new ApiError(400, "things:id.invalid", "The Thing ID '" + rawId + "' is not valid: " + e.getMessage(),
                    "A thing id is '{namespace}:{name}', where the namespace is the tenant with '-' written as '.'.")
                    .send(ctx.response());
            return;
        }
        Optional<Thing> thing = store.find(id);
        if (thing.isEmpty()) {
            new ApiError(404, "things:thing.notfound", "The Thing with ID '" + rawId + "' could not be found or the "
                    + "requester had insufficient permissions to access it.", "Check the thing id; devices get a twin when provisioned.")
                    .send(ctx.response());
            return;
        }
        JsonValue json = thing.get().toJson();
        if (!subPath.isEmpty() && !subPath.equals("/")) {
            Optional<JsonValue> part = json.asObject().getValue(JsonPointer.of(subPath));
            if (part.isEmpty()) {
                DittoErrors.notFoundFor(rawId, subPath).send(ctx.response());
                return;
            }
            json = part.get();
        }
        ctx.response().putHeader("content-type", "application/json").end(json.toString());
    }
}
