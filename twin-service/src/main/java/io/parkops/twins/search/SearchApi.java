package io.parkops.twins.search;

import io.parkops.model.ThingId;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.api.TwinScope;
import io.parkops.twins.store.TwinException;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;

/**
 * Ditto's search: {@code GET /api/2/search/things?filter=&namespaces=&fields=&option=} answering
 * {@code {"items":[...],"cursor":"..."}}, and {@code GET /api/2/search/things/count}; things outside
 * the caller's sites are neither listed nor counted. The twins are
 * in memory, so a search is a scan; it runs on a worker thread to keep the event loop free.
 */
public final class SearchApi {

    private final Vertx vertx;
    private final TwinStore store;

    public SearchApi(Vertx vertx, TwinStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    public void mount(Router router) {
        router.get("/api/2/search/things").handler(ctx -> run(ctx, false));
        router.get("/api/2/search/things/count").handler(ctx -> run(ctx, true));
    }

    private void run(RoutingContext ctx, boolean count) {
        RqlFilter filter;
        SearchOptions options;
        Set<String> namespaces;
        JsonFieldSelector fields;
        try {
            filter = RqlFilter.parse(ctx.request().getParam("filter"));
            options = SearchOptions.parse(ctx.request().getParam("option"));
            namespaces = namespaces(ctx.request().getParam("namespaces"));
            String f = ctx.request().getParam("fields");
            fields = f == null || f.isBlank() ? null : JsonFactory.newFieldSelector(f,
                    JsonFactory.newParseOptionsBuilder().withoutUrlDecoding().build());
        } catch (TwinException e) {
            e.error().send(ctx.response());
            return;
        }
        SiteScope scope = Caller.scope(ctx::get);
        // unordered: searches are independent, and one user's scan of a big site must not queue another's
        vertx.executeBlocking(() -> count ? String.valueOf(matches(filter, namespaces, scope).size())
                        : page(matches(filter, namespaces, scope), options, fields).toString(), false)
                .onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body))
                .onFailure(ctx::fail);
    }

    private List<JsonObject> matches(RqlFilter filter, Set<String> namespaces, SiteScope scope) {
        return store.all().stream()
                .filter(t -> namespaces == null || t.getEntityId().map(id -> namespaces.contains(id.getNamespace())).orElse(false))
                .filter(t -> scope.isAll() || t.getEntityId().map(id -> TwinScope.visible(scope, ThingId.parseDitto(id.toString()), t))
                        .orElse(false))
                .map(t -> t.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()))
                .filter(filter::test)
                .collect(Collectors.toList());
    }

    private static JsonObject page(List<JsonObject> all, SearchOptions options, JsonFieldSelector fields) {
        int from = Math.min(options.offset(), all.size());
        int to = Math.min(from + options.size(), all.size());
        JsonArray items = firstInOrder(all, to, options.comparator()).subList(from, to).stream()
                .map(t -> (org.eclipse.ditto.json.JsonValue) (fields == null ? withoutSpecialFields(t) : t.get(fields)))
                .collect(JsonCollectors.valuesToArray());
        JsonObjectBuilder result = JsonFactory.newObjectBuilder().set("items", items);
        if (to < all.size()) {
            result.set("cursor", SearchOptions.cursorFor(to));
        }
        return result.build();
    }

    /**
     * The first {@code k} things in order. An early page of a big site needs only those: a bounded
     * heap finds them in n log k comparisons instead of sorting every match (5,000 twins for 50).
     */
    static List<JsonObject> firstInOrder(List<JsonObject> all, int k, Comparator<JsonObject> order) {
        if (k == 0) {
            return List.of();
        }
        if (k >= all.size() / 2) {
            all.sort(order);
            return all;
        }
        PriorityQueue<JsonObject> last = new PriorityQueue<>(k + 1, order.reversed()); // its head: the largest kept
        for (JsonObject thing : all) {
            last.add(thing);
            if (last.size() > k) {
                last.poll();
            }
        }
        List<JsonObject> first = new ArrayList<>(last);
        first.sort(order);
        return first;
    }

    private static JsonObject withoutSpecialFields(JsonObject thing) {
        return thing.stream().filter(f -> !f.getKeyName().startsWith("_"))
                .collect(JsonCollectors.fieldsToObject());
    }

    static Set<String> namespaces(String param) {
        return param == null || param.isBlank() ? null
                : Arrays.stream(param.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
