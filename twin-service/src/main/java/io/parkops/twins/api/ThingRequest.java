package io.parkops.twins.api;

import io.parkops.model.ThingId;
import io.parkops.model.http.Caller;
import io.parkops.model.http.SiteScope;
import io.parkops.twins.store.TwinStore;
import io.parkops.twins.store.Preconditions;
import io.parkops.twins.store.TwinException;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonParseException;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * What one request on {@code /api/2/things/{thingId}{/path}} addresses, parsed and validated at
 * the edge: a bad id, body or {@code fields} becomes a {@link TwinException} with Ditto's code, and
 * a thing outside the caller's sites Ditto's 404.
 */
record ThingRequest(ThingId id, String rawId, JsonPointer path, Preconditions preconditions) {

    private static final String PREFIX = "/api/2/things/";

    /** The request; a thing outside the caller's scope (as {@code store} holds it) is Ditto's 404. */
    static ThingRequest of(RoutingContext ctx, TwinStore store) {
        String rest = ctx.normalizedPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String rawId = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "" : rest.substring(slash);
        ThingId id;
        try {
            id = ThingId.parseDitto(rawId);
        } catch (IllegalArgumentException e) {
            throw new TwinException(400, "things:id.invalid", "The Thing ID '" + rawId + "' is not valid: " + e.getMessage(),
                    "A thing id is '{namespace}:{name}', where the namespace is the tenant with '-' written as '.'.");
        }
        SiteScope scope = Caller.scope(ctx::get);
        if (!scope.isAll() && !TwinScope.visible(scope, id, store.find(id).orElse(null))) {
            throw ThingsApi.notFound(rawId); // outside the caller's sites: as if it did not exist
        }
        JsonPointer path = subPath.isEmpty() || subPath.equals("/") ? JsonPointer.empty() : JsonPointer.of(subPath);
        Preconditions pre = new Preconditions(ctx.request().getHeader("If-Match"), ctx.request().getHeader("If-None-Match"));
        return new ThingRequest(id, rawId, path, pre);
    }

    /** The request body as JSON; a body that is not JSON is Ditto's {@code json.invalid}. */
    static JsonValue body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new TwinException(400, "json.invalid", "The request body is empty.", "Send a JSON value.");
        }
        try {
            return JsonFactory.readFrom(text);
        } catch (JsonParseException e) {
            throw new TwinException(400, "json.invalid", "Failed to parse JSON string '" + abbreviate(text) + "'!",
                    "Check if the JSON was valid (e.g. on https://jsonlint.com) and if it was in required format.");
        }
    }

    /** The {@code fields} query parameter as Ditto's selector, or null when absent. */
    static JsonFieldSelector fields(RoutingContext ctx) {
        String fields = ctx.request().getParam("fields");
        if (fields == null || fields.isBlank()) {
            return null;
        }
        try {
            return JsonFactory.newFieldSelector(fields, JsonFactory.newParseOptionsBuilder()
                    .withoutUrlDecoding().build());
        } catch (RuntimeException e) {
            throw new TwinException(400, "json.fieldselector.invalid", "The field selector <" + fields + "> is invalid: "
                    + e.getMessage(), "Use a comma separated list of JSON pointers, e.g. 'thingId,attributes/building'.");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
