package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.parkops.model.http.ApiError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/alerts}: list and read alerts from the {@link AlertStore}; acknowledge through the
 * rules verticle (the single writer), which also publishes the transition.
 */
public final class AlertsApi {

    /** Until authentication arrives every acknowledgement is anonymous. */
    static final String ANONYMOUS = "anonymous";
    static final int MAX_NOTE_LENGTH = 1000;
    private static final long BODY_LIMIT = 16 * 1024;
    private static final long ACK_TIMEOUT_MS = 5_000;

    private final AlertStore store;

    public AlertsApi(AlertStore store) {
        this.store = store;
    }

    /**
     * Adds the routes. Mount before any later {@code /api/alerts/stream} route is added elsewhere,
     * or that route must be mounted first, since {@code /api/alerts/:id} would match it.
     */
    public void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::get);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT)).handler(this::ack);
    }

    private void list(RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(param(ctx, "state"), param(ctx, "tenant"), param(ctx, "severity"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "alerts:filter.invalid", e.getMessage());
            return;
        }
        ctx.json(AlertJson.toJson(store.list(filter)));
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.get(id).ifPresentOrElse(alert -> ctx.json(AlertJson.toJson(alert)), () -> notFound(ctx, id));
    }

    private void ack(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String note;
        try {
            note = note(ctx);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "alerts:body.invalid", e.getMessage());
            return;
        }
        DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(ACK_TIMEOUT_MS);
        ctx.vertx().eventBus().<Alert>request(AckCommand.ADDRESS, new AckCommand(id, ANONYMOUS, note).toJson(), options)
                .onSuccess(reply -> ctx.json(AlertJson.toJson(reply.body())))
                .onFailure(failure -> ackFailed(ctx, id, failure));
    }

    private void ackFailed(RoutingContext ctx, String id, Throwable failure) {
        if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && re.failureCode() == AckCommand.NOT_FOUND) {
            notFound(ctx, id);
        } else {
            error(ctx, 503, "alerts:unavailable",
                    "the alert service did not answer (" + failure.getMessage() + "); retry in a moment");
        }
    }

    /** The optional {@code note}; an empty body means no note. */
    private static String note(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            return null;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body must be a JSON object such as {\"note\": \"fan replaced\"}");
        }
        Object note = body == null ? null : body.getValue("note");
        if (note != null && !(note instanceof String)) {
            throw new IllegalArgumentException("field 'note' must be a JSON string");
        }
        if (note != null && ((String) note).length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("field 'note' must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        return (String) note;
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
