package io.parkops.rules.alerts;

import io.vertx.core.json.JsonObject;

/**
 * "Acknowledge this alert", sent by the HTTP side to the rules verticle (the single writer of
 * alerts) over the local event bus. The reply is the current {@code Alert}, or a failure with
 * code {@link #NOT_FOUND}.
 */
public record AckCommand(String alertId, String by, String note) {

    /** Internal to the rules module; not part of the external contract. */
    public static final String ADDRESS = "parkops.rules.alert.ack";
    public static final int NOT_FOUND = 404;

    public JsonObject toJson() {
        return new JsonObject().put("id", alertId).put("by", by).put("note", note);
    }

    public static AckCommand fromJson(JsonObject json) {
        return new AckCommand(json.getString("id"), json.getString("by"), json.getString("note"));
    }
}
