package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The HTTP (and later SSE/MQTT) JSON form of an alert. */
public final class AlertJson {

    private AlertJson() {
    }

    /**
     * {@code id, thingId, tenant, deviceId, ruleId, severity, state, value, threshold, message,
     * raisedAt, updatedAt, ackedBy, ackNote}; times are ISO-8601 UTC, absent values are JSON null.
     */
    public static JsonObject toJson(Alert alert) {
        return new JsonObject()
                .put("id", alert.id())
                .put("thingId", alert.thingId().dittoId())
                .put("tenant", alert.thingId().tenant())
                .put("deviceId", alert.thingId().deviceId())
                .put("ruleId", alert.ruleId())
                .put("severity", alert.severity().label())
                .put("state", alert.state().name())
                .put("value", finiteOrNull(alert.value()))
                .put("threshold", finiteOrNull(alert.threshold()))
                .put("message", alert.message())
                .put("raisedAt", Instant.ofEpochMilli(alert.raisedAt()).toString())
                .put("updatedAt", Instant.ofEpochMilli(alert.updatedAt()).toString())
                .put("ackedBy", alert.ackedBy())
                .put("ackNote", alert.ackNote());
    }

    public static JsonArray toJson(List<Alert> alerts) {
        JsonArray array = new JsonArray();
        alerts.forEach(a -> array.add(toJson(a)));
        return array;
    }

    /** NaN and infinities are not JSON; Jackson would write them as bare tokens no client parses. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
