package io.parkops.twins.api;

import io.parkops.model.ThingId;
import io.parkops.model.http.Caller;
import io.parkops.model.http.EventStreams;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.search.RqlFilter;
import io.parkops.twins.store.ThingEvent;
import io.parkops.twins.store.TwinException;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * {@code GET /api/2/things}: with {@code Accept: text/event-stream} Ditto's change stream (one
 * {@code data:} line per change, the changed part of the thing as JSON), filterable by
 * {@code ids}, {@code namespaces} and an RQL {@code filter}, and always by the caller's sites; otherwise the things named by
 * {@code ids} as a JSON array. Events are handed to the connection's event loop in the order the
 * store applied them, so no change of one thing is lost or reordered.
 */
public final class ThingsStream {

    private final TwinStore store;
    private final EventStreams streams;

    public ThingsStream(TwinStore store, EventStreams streams) {
        this.store = store;
        this.streams = streams;
    }

    public void mount(Router router) {
        router.get("/api/2/things").handler(ctx -> ThingsApi.guarded(ctx, this::handle));
    }

    private void handle(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        Set<String> ids = split(ctx.request().getParam("ids"));
        if (accept != null && accept.contains("text/event-stream")) {
            stream(ctx, ids);
        } else if (ids == null) {
            throw new TwinException(400, "things:query.missing", "The query parameter 'ids' is missing.",
                    "List the things to retrieve: /api/2/things?ids=ns:a,ns:b (or ask for text/event-stream).");
        } else {
            list(ctx, ids);
        }
    }

    private void list(RoutingContext ctx, Set<String> ids) {
        JsonFieldSelector fields = ThingRequest.fields(ctx);
        SiteScope scope = Caller.scope(ctx::get);
        String body = ids.stream().map(this::parseId)
                .flatMap(id -> store.find(id).filter(t -> TwinScope.visible(scope, id, t)).stream())
                .map(t -> (JsonValue) (fields == null ? t.toJson() : t.toJson(
                        org.eclipse.ditto.base.model.json.JsonSchemaVersion.V_2,
                        org.eclipse.ditto.base.model.json.FieldType.regularOrSpecial()).get(fields)))
                .collect(JsonCollectors.valuesToArray()).toString();
        ctx.response().putHeader("content-type", "application/json").end(body);
    }

    private void stream(RoutingContext ctx, Set<String> ids) {
        Set<String> namespaces = split(ctx.request().getParam("namespaces"));
        RqlFilter filter = RqlFilter.parse(ctx.request().getParam("filter"));
        JsonFieldSelector fields = ThingRequest.fields(ctx);
        SiteScope scope = Caller.scope(ctx::get);
        Context context = ctx.vertx().getOrCreateContext();
        EventStreams.Stream events = streams.open(ctx.request(), "things");
        Runnable unsubscribe = store.subscribe(event -> {
            boolean metadataOnly = event.path().toString().startsWith("/_metadata");
            if (event.deleted() || metadataOnly && fields == null || !TwinScope.visible(scope, event)
                    || ids != null && !ids.contains(event.id().dittoId())
                    || namespaces != null && !namespaces.contains(event.id().namespace())) {
                return;
            }
            // the whole thing as JSON only for a filter to look at: on the twin writer's hot path
            if (!filter.matchesAll() && !filter.test(event.thing().toJson(
                    org.eclipse.ditto.base.model.json.JsonSchemaVersion.V_2,
                    org.eclipse.ditto.base.model.json.FieldType.regularOrSpecial()))) {
                return;
            }
            String data = "data:" + partial(event, fields) + "\n\n";
            context.runOnContext(v -> events.send(data)); // a cut stream closes, and the close unsubscribes
        });
        Runnable unfollow = Caller.whenRevoked(ctx::get, () -> ctx.request().connection().close());
        Runnable end = () -> {
            unsubscribe.run();
            unfollow.run();
        };
        ctx.response().closeHandler(v -> end.run());
        ctx.request().connection().closeHandler(v -> end.run());
        events.send(":\n\n"); // commits the headers once subscribed, so the client sees every later change
    }

    /** The changed part of the thing as Ditto's SSE puts it: thingId, the value at its path, meta fields. */
    static JsonObject partial(ThingEvent event, JsonFieldSelector fields) {
        JsonObject changed = JsonFactory.newObjectBuilder().set("thingId", event.id().dittoId()).build();
        if (event.action() == ThingEvent.Action.MERGED && event.value() != null) {
            changed = JsonFactory.newObject(changed, event.value().isObject() && event.path().isEmpty()
                    ? event.value().asObject() : JsonFactory.newObject(event.path(), event.value()));
        } else if (event.value() != null) {
            changed = event.path().isEmpty() && event.value().isObject()
                    ? JsonFactory.newObject(changed, event.value().asObject())
                    : changed.setValue(event.path(), event.value());
        }
        JsonObject withMeta = changed.setValue("_revision", event.revision())
                .setValue("_modified", event.modified().toString());
        if (fields != null) {
            return withMeta.get(fields);
        }
        return changed;
    }

    private ThingId parseId(String id) {
        try {
            return ThingId.parseDitto(id);
        } catch (IllegalArgumentException e) {
            throw new TwinException(400, "things:id.invalid", "The Thing ID '" + id + "' is not valid: " + e.getMessage(),
                    "A thing id is '{namespace}:{name}'.");
        }
    }

    private static Set<String> split(String param) {
        return param == null || param.isBlank() ? null
                : Arrays.stream(param.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
