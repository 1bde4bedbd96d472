package io.parkops.twins.search;

import io.parkops.model.ThingId;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.api.TwinScope;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.ditto.things.model.Thing;

/**
 * {@code GET /api/places[?tenant=]}: every site that has twins, and the distinct
 * (site, building, floor, zone) places of its twins' attributes, in one answer. The dashboard's
 * pickers need exactly this; asking the search for it would mean paging through every twin of a
 * site (thousands) to find a few dozen places. One scan of the in-memory twins, on a worker; a
 * token limited to some sites (or buildings) sees only theirs.
 */
public final class PlacesApi {

    /** One place; parts a twin does not have are null (a meter with a building but no floor). */
    record Place(String site, String building, String floor, String zone) {
        private static final Comparator<String> PART = Comparator.nullsFirst(Comparator.naturalOrder());
        static final Comparator<Place> ORDER = Comparator.comparing(Place::site, PART).thenComparing(Place::building, PART)
                .thenComparing(Place::floor, PART).thenComparing(Place::zone, PART);

        JsonObject toJson() {
            JsonObject json = new JsonObject().put("site", site);
            putIfSet(json, "building", building);
            putIfSet(json, "floor", floor);
            putIfSet(json, "zone", zone);
            return json;
        }

        private static void putIfSet(JsonObject json, String key, String value) {
            if (value != null) {
                json.put(key, value);
            }
        }
    }

    private final Vertx vertx;
    private final TwinStore store;

    public PlacesApi(Vertx vertx, TwinStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/places").handler(this::places);
    }

    private void places(RoutingContext ctx) {
        String tenant = ctx.request().getParam("tenant");
        SiteScope scope = Caller.scope(ctx::get);
        Iterable<Thing> visible = scope.isAll() ? store.all() : () -> store.all().stream()
                .filter(t -> t.getEntityId().map(id -> TwinScope.visible(scope, ThingId.parseDitto(id.toString()), t)).orElse(false))
                .iterator();
        vertx.executeBlocking(() -> answer(visible, tenant == null || tenant.isBlank() ? null : tenant).encode(), false)
                .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body))
                .onFailure(ctx::fail);
    }

    /** {@code {"sites":["nanan",...],"places":[{"site","building","floor","zone"},...]}}, places of {@code tenant} only when given. */
    static JsonObject answer(Iterable<Thing> things, String tenant) {
        Set<String> sites = new TreeSet<>();
        Set<Place> places = new TreeSet<>(Place.ORDER);
        for (Thing thing : things) {
            String site = attribute(thing, "tenant");
            if (site == null) {
                continue;
            }
            sites.add(site);
            if (tenant == null || tenant.equals(site)) {
                places.add(new Place(site, attribute(thing, "building"), attribute(thing, "floor"), attribute(thing, "zone")));
            }
        }
        List<JsonObject> list = places.stream().map(Place::toJson).toList();
        return new JsonObject().put("sites", new JsonArray(List.copyOf(sites))).put("places", new JsonArray(list));
    }

    private static String attribute(Thing thing, String name) {
        return thing.getAttributes().flatMap(a -> a.getValue(name))
                .map(v -> v.isString() ? v.asString() : v.toString()).filter(Objects::nonNull).orElse(null);
    }
}
