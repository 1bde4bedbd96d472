package io.parkops.rules.alerts;

import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of an alert, for HTTP, SSE, MQTT, webhooks and the on-disk store. */
public final class AlertJson {

    private AlertJson() {
    }

    /**
     * {@code id, thingId, tenant, deviceId, type, ruleId, severity, state, value, threshold, message,
     * raisedAt, updatedAt, ackedBy, ackNote, suppressed, suppressedBy, history}; times are ISO-8601
     * UTC, absent values are JSON null.
     */
    public static JsonObject toJson(Alert alert) {
        JsonArray history = new JsonArray();
        alert.history().forEach(e -> history.add(new JsonObject()
                .put("at", Instant.ofEpochMilli(e.at()).toString())
                .put("kind", e.kind().name())
                .put("severity", e.severity().label())
                .put("value", finiteOrNull(e.value()))
                .put("by", e.by())
                .put("note", e.note())));
        JsonObject attributes = new JsonObject();
        alert.device().attributes().forEach(attributes::put);
        return new JsonObject()
                .put("id", alert.id())
                .put("thingId", alert.thingId().dittoId())
                .put("tenant", alert.thingId().tenant())
                .put("deviceId", alert.thingId().deviceId())
                .put("type", alert.device().typeId())
                .put("attributes", attributes)
                .put("ruleId", alert.ruleId())
                .put("severity", alert.severity().label())
                .put("state", alert.state().name())
                .put("value", finiteOrNull(alert.value()))
                .put("threshold", finiteOrNull(alert.threshold()))
                .put("message", alert.message())
                .put("raisedAt", Instant.ofEpochMilli(alert.raisedAt()).toString())
                .put("updatedAt", Instant.ofEpochMilli(alert.updatedAt()).toString())
                .put("ackedBy", alert.ackedBy())
                .put("ackNote", alert.ackNote())
                .put("suppressed", alert.isSuppressed())
                .put("suppressedBy", alert.suppressedBy())
                .put("history", history);
    }

    /** Reads what {@link #toJson(Alert)} wrote (the on-disk store). */
    public static Alert fromJson(JsonObject j) {
        Map<String, String> attributes = new HashMap<>();
        j.getJsonObject("attributes", new JsonObject()).forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
        Device device = new Device(ThingId.of(j.getString("tenant"), j.getString("deviceId")), j.getString("type"), attributes);
        List<AlertEvent> history = new ArrayList<>();
        j.getJsonArray("history", new JsonArray()).forEach(o -> {
            JsonObject e = (JsonObject) o;
            history.add(new AlertEvent(millis(e.getString("at")), AlertEvent.Kind.valueOf(e.getString("kind")),
                    Severity.parse(e.getString("severity")), number(e, "value"), e.getString("by"), e.getString("note")));
        });
        return new Alert(j.getString("id"), device, j.getString("ruleId"), Severity.parse(j.getString("severity")),
                AlertState.valueOf(j.getString("state")), number(j, "value"), number(j, "threshold"), j.getString("message"),
                millis(j.getString("raisedAt")), millis(j.getString("updatedAt")), j.getString("ackedBy"),
                j.getString("ackNote"), history, j.getString("suppressedBy"));
    }

    public static JsonArray toJson(List<Alert> alerts) {
        JsonArray array = new JsonArray();
        alerts.forEach(a -> array.add(toJson(a)));
        return array;
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static double number(JsonObject j, String key) {
        Double d = j.getDouble(key);
        return d == null ? Double.NaN : d;
    }

    /** NaN and infinities are not JSON; Jackson would write them as bare tokens no client parses. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
