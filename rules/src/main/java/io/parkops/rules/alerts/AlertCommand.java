package io.parkops.rules.alerts;

import io.vertx.core.json.JsonObject;

/**
 * "Acknowledge" or "clear" an alert, sent by the HTTP side to the rules verticle (the single
 * writer of alerts) over the local event bus. The reply is the current {@code Alert}, or a failure
 * with code {@link #NOT_FOUND} or {@link #CONFLICT}.
 */
public record AlertCommand(Action action, String alertId, String by, String note) {

    public enum Action { ACK, CLEAR }

    /** Internal to the rules module; not part of the external contract. */
    public static final String ADDRESS = "parkops.rules.alert.command";
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    public JsonObject toJson() {
        return new JsonObject().put("action", action.name()).put("id", alertId).put("by", by).put("note", note);
    }

    public static AlertCommand fromJson(JsonObject json) {
        return new AlertCommand(Action.valueOf(json.getString("action")), json.getString("id"), json.getString("by"),
                json.getString("note"));
    }
}
