package io.parkops.twins.api;

import io.parkops.model.http.ApiError;
import io.parkops.twins.store.ThingEdits;
import io.parkops.twins.store.TwinException;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

/**
 * Ditto's things API on {@code /api/2/things/{thingId}} and every sub-path: GET (with
 * {@code fields}), PUT, PATCH ({@code application/merge-patch+json}) and DELETE, with
 * {@code ETag}, {@code If-Match} / {@code If-None-Match} and Ditto's error JSON. Writes answer
 * only once the change is committed to disk.
 */
public final class ThingsApi {

    static final String THING_PATH = "/api/2/things/([^/]+)(/.*)?";
    private static final long MAX_BODY = 256 * 1024;
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final TwinStore store;

    public ThingsApi(TwinStore store) {
        this.store = store;
    }

    public void mount(Router router) {
        router.getWithRegex(THING_PATH).handler(ctx -> guarded(ctx, this::get));
        router.putWithRegex(THING_PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY))
                .handler(ctx -> guarded(ctx, this::put));
        router.patchWithRegex(THING_PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY))
                .handler(ctx -> guarded(ctx, this::patch));
        router.deleteWithRegex(THING_PATH).handler(ctx -> guarded(ctx, this::delete));
    }

    private void get(RoutingContext ctx) {
        ThingRequest req = ThingRequest.of(ctx, store);
        JsonFieldSelector fields = ThingRequest.fields(ctx);
        Thing thing = store.find(req.id()).orElseThrow(() -> notFound(req));
        Optional<JsonValue> value = req.path().isEmpty()
                ? Optional.of(thing.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()))
                : ThingEdits.valueAt(thing, req.path());
        if (value.isEmpty()) {
            throw new TwinException(DittoErrors.notFoundFor(req.rawId(), req.path().toString()));
        }
        Optional<String> etag = ThingEdits.etag(thing, req.path());
        if (req.preconditions().readFails(etag)) {
            req.preconditions().checkWrite(etag); // throws Ditto's 412
        }
        if (req.preconditions().notModified(etag)) {
            ctx.response().setStatusCode(304).putHeader("ETag", etag.get()).end();
            return;
        }
        JsonValue json = value.get();
        if (req.path().isEmpty()) {
            json = fields == null ? thing.toJson() : json.asObject().get(fields);
        } else if (fields != null && json.isObject()) {
            json = json.asObject().get(fields);
        }
        ok(ctx.response(), etag).end(json.toString());
    }

    /** Who made an HTTP change: {@code http:{caller}} when the platform's authentication named one, else {@code http}. */
    static String origin(RoutingContext ctx) {
        String caller = ctx.get(io.parkops.model.http.Caller.NAME_KEY);
        return caller == null ? "http" : "http:" + caller;
    }

    private void put(RoutingContext ctx) {
        ThingRequest req = ThingRequest.of(ctx, store);
        JsonValue body = ThingRequest.body(ctx);
        TwinStore.WriteResult result = store.put(req.id(), req.path(), body, req.preconditions(),
                System.currentTimeMillis(), origin(ctx));
        Optional<String> etag = ThingEdits.etag(result.thing(), req.path());
        afterCommit(ctx).onSuccess(v -> {
            HttpServerResponse response = ok(ctx.response(), etag);
            if (result.created()) {
                JsonValue created = req.path().isEmpty() ? result.thing().toJson() : body;
                response.setStatusCode(201).putHeader("Location", ctx.normalizedPath()).end(created.toString());
            } else {
                response.setStatusCode(204).end();
            }
        });
    }

    private void patch(RoutingContext ctx) {
        ThingRequest req = ThingRequest.of(ctx, store);
        String type = Optional.ofNullable(ctx.request().getHeader("content-type")).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(MERGE_PATCH)) {
            throw new TwinException(415, "mediatype.unsupported", "The Media-Type <" + type
                    + "> is not supported for this resource.", "Allowed Media-Types are: <" + MERGE_PATCH + ">.");
        }
        JsonValue body = ThingRequest.body(ctx);
        TwinStore.WriteResult result = store.merge(req.id(), req.path(), body, req.preconditions(),
                System.currentTimeMillis(), origin(ctx));
        Optional<String> etag = ThingEdits.etag(result.thing(), req.path());
        afterCommit(ctx).onSuccess(v -> ok(ctx.response(), etag).setStatusCode(204).end());
    }

    private void delete(RoutingContext ctx) {
        ThingRequest req = ThingRequest.of(ctx, store);
        Thing before = store.find(req.id()).orElseThrow(() -> notFound(req));
        if (!req.path().isEmpty() && ThingEdits.valueAt(before, req.path()).isEmpty()) {
            throw new TwinException(DittoErrors.notFoundFor(req.rawId(), req.path().toString()));
        }
        if (store.delete(req.id(), req.path(), req.preconditions(), System.currentTimeMillis(), origin(ctx)) == null) {
            throw notFound(req);
        }
        afterCommit(ctx).onSuccess(v -> ctx.response().setStatusCode(204).end());
    }

    private Future<Void> afterCommit(RoutingContext ctx) {
        return Future.fromCompletionStage(store.commitSoon(), ctx.vertx().getOrCreateContext())
                .onFailure(e -> ApiError.of(503, "twins:store.unavailable", "The change was applied but could not be "
                        + "committed to disk: " + e.getMessage()).send(ctx.response()));
    }

    private static HttpServerResponse ok(HttpServerResponse response, Optional<String> etag) {
        etag.ifPresent(tag -> response.putHeader("ETag", tag));
        return response.putHeader("content-type", "application/json");
    }

    static TwinException notFound(ThingRequest req) {
        return notFound(req.rawId());
    }

    /** Ditto's answer for a thing that is absent or that the caller may not see: the two are not told apart. */
    public static TwinException notFound(String rawId) {
        return new TwinException(404, "things:thing.notfound", "The Thing with ID '" + rawId + "' could not be "
                + "found or the requester had insufficient permissions to access it.",
                "Check if the ID of your requested Thing was correct and you have sufficient permissions.");
    }

    /** Runs a handler and turns a refused request into Ditto's error JSON. */
    static void guarded(RoutingContext ctx, java.util.function.Consumer<RoutingContext> handler) {
        try {
            handler.accept(ctx);
        } catch (TwinException e) {
            e.error().send(ctx.response());
        } catch (DittoRuntimeException e) { // e.g. a path Ditto's model refuses: answer with Ditto's own error
            new ApiError(e.getHttpStatus().getCode(), e.getErrorCode(), e.getMessage(), e.getDescription().orElse(null))
                    .send(ctx.response());
        } catch (IllegalArgumentException e) {
            ApiError.of(400, "things:request.invalid", e.getMessage()).send(ctx.response());
        }
    }
}
