package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.parkops.model.http.ApiError;
import io.parkops.model.http.Caller;
import io.parkops.model.http.EventStreams;
import io.parkops.model.http.SiteScope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/alerts}: list and read alerts from the {@link AlertStore}; acknowledge through the
 * rules verticle (the single writer), which also publishes the transition. A caller sees, and acts
 * on, only the alerts of its sites; any other answers 404 like an unknown id.
 */
public final class AlertsApi {

    /** Who acts when the request carries no signed-in caller (the module used without the platform's auth). */
    static final String ANONYMOUS = "anonymous";
    static final int MAX_NOTE_LENGTH = 1000;
    private static final long BODY_LIMIT = 16 * 1024;
    private static final long ACK_TIMEOUT_MS = 5_000;

    private final AlertStore store;
    private final EventStreams streams;

    public AlertsApi(AlertStore store, EventStreams streams) {
        this.store = store;
        this.streams = streams;
    }

    /** Adds the routes; the stream is mounted before {@code /api/alerts/:id}, which would match it. */
    public void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/stream").handler(ctx -> AlertStream.open(ctx, streams));
        router.get("/api/alerts/:id").handler(this::get);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(ctx -> command(ctx, AlertCommand.Action.ACK));
        router.post("/api/alerts/:id/clear").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(ctx -> command(ctx, AlertCommand.Action.CLEAR));
    }

    private void list(RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(param(ctx, "state"), param(ctx, "tenant"), param(ctx, "severity"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "alerts:filter.invalid", e.getMessage());
            return;
        }
        SiteScope scope = Caller.scope(ctx::get);
        ctx.json(AlertJson.toJson(store.list(filter).stream().filter(a -> scope.allows(a.device())).toList()));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        visible(ctx, id).ifPresentOrElse(alert -> ctx.json(AlertJson.toJson(alert)), () -> notFound(ctx, id));
    }

    /** The alert when it exists and lies in the caller's sites: one outside them is answered as absent. */
    private java.util.Optional<Alert> visible(RoutingContext ctx, String id) {
        SiteScope scope = Caller.scope(ctx::get);
        return store.get(id).filter(a -> scope.allows(a.device()));
    }

    private void command(RoutingContext ctx, AlertCommand.Action action) {
        String id = ctx.pathParam("id");
        if (!Caller.scope(ctx::get).isAll() && visible(ctx, id).isEmpty()) {
            notFound(ctx, id);
            return;
        }
        String note;
        String by;
        try {
            note = field(ctx, "note");
            by = field(ctx, "by");
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "alerts:body.invalid", e.getMessage());
            return;
        }
        // the signed-in caller is who acts; a 'by' in the body counts only where no authentication runs
        String caller = ctx.get(Caller.NAME_KEY);
        AlertCommand command = new AlertCommand(action, id, caller != null ? caller : by == null ? ANONYMOUS : by, note);
        DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(ACK_TIMEOUT_MS);
        ctx.vertx().eventBus().<Alert>request(AlertCommand.ADDRESS, command.toJson(), options)
                .onSuccess(reply -> ctx.json(AlertJson.toJson(reply.body())))
                .onFailure(failure -> ackFailed(ctx, id, failure));
    }

    private void ackFailed(RoutingContext ctx, String id, Throwable failure) {
        if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && re.failureCode() == AlertCommand.NOT_FOUND) {
            notFound(ctx, id);
        } else {
            error(ctx, 503, "alerts:unavailable",
                    "the alert service did not answer (" + failure.getMessage() + "); retry in a moment");
        }
    }

    /** An optional text field of the body ({@code note}, {@code by}); an empty body means none. */
    private static String field(RoutingContext ctx, String name) {
        if (ctx.body().isEmpty()) {
            return null;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body must be a JSON object such as {\"by\": \"li.wei\", \"note\": \"fan replaced\"}");
        }
        Object value = body == null ? null : body.getValue(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("field '" + name + "' must be a JSON string");
        }
        if (value != null && ((String) value).length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("field '" + name + "' must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        return (String) value;
    }

    private static String param(RoutingContext ctx, String name) {
        return ctx.request().getParam(name);
    }

    private static void notFound(RoutingContext ctx, String id) {
        error(ctx, 404, "alerts:alert.notfound", "no alert with id '" + id
                + "'; list alerts with GET /api/alerts (cleared alerts are kept for a limited number)");
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        ApiError.of(status, code, message).send(ctx.response());
    }
}
