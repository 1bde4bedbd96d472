package io.parkops.twins.desired;

import io.parkops.model.ThingId;
import io.parkops.model.command.CommandState;
import java.time.Instant;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * What ParkOps knows about one desired property: the value, who set it and when, the command
 * that carries it to the device and whether the device reports it back. Shown in the twin's
 * {@code _metadata} at the desired property's path.
 */
record DesiredState(ThingId thingId, CommandSpec spec, JsonValue value, long setAt, String setBy, String reqId,
                    CommandState state, int attempts, long lastSentAt, long updatedAt, long expiresAt,
                    boolean converged, JsonValue reported) {

    JsonPointer metadataPath() {
        return JsonPointer.of("/features/" + spec.feature() + "/desiredProperties/" + spec.property());
    }

    String key() {
        return key(thingId, spec);
    }

    static String key(ThingId id, CommandSpec spec) {
        return id.dittoId() + '/' + spec.feature() + '/' + spec.property();
    }

    DesiredState withState(CommandState next, long now) {
        return new DesiredState(thingId, spec, value, setAt, setBy, reqId, next, attempts, lastSentAt, now, expiresAt,
                converged, reported);
    }

    DesiredState sentAgain(long now) {
        return new DesiredState(thingId, spec, value, setAt, setBy, reqId, state, attempts + 1, now, now, expiresAt,
                converged, reported);
    }

    DesiredState withReported(JsonValue reportedValue, long now) {
        boolean nowConverged = spec.converged(value, reportedValue);
        return new DesiredState(thingId, spec, value, setAt, setBy, reqId, state, attempts, lastSentAt,
                nowConverged != converged ? now : updatedAt, expiresAt, nowConverged, reportedValue);
    }

    /** The state as {@link #toJson()} wrote it into the twin's metadata, e.g. after a restart. */
    static DesiredState fromJson(ThingId id, CommandSpec spec, JsonObject json) {
        JsonObject command = json.getValue("command").filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> new IllegalArgumentException("no command"));
        long updatedAt = instant(command, "updatedAt");
        return new DesiredState(id, spec, json.getValue("value").orElseThrow(), instant(json, "setAt"),
                json.getValue("setBy").map(JsonValue::asString).orElse("unknown"),
                command.getValue("reqId").orElseThrow().asString(),
                CommandState.valueOf(command.getValue("state").orElseThrow().asString().toUpperCase(java.util.Locale.ROOT)),
                command.getValue("attempts").map(JsonValue::asInt).orElse(1), updatedAt, updatedAt,
                instant(command, "expiresAt"), json.getValue("converged").map(JsonValue::asBoolean).orElse(false),
                json.getValue("reported").filter(v -> !v.isNull()).orElse(null));
    }

    private static long instant(JsonObject json, String key) {
        return Instant.parse(json.getValue(key).orElseThrow().asString()).toEpochMilli();
    }

    JsonObject toJson() {
        return JsonObject.newBuilder()
                .set("value", value)
                .set("setAt", Instant.ofEpochMilli(setAt).toString())
                .set("setBy", setBy)
                .set("command", JsonObject.newBuilder()
                        .set("name", spec.command())
                        .set("reqId", reqId)
                        .set("state", state.label())
                        .set("attempts", attempts)
                        .set("updatedAt", Instant.ofEpochMilli(updatedAt).toString())
                        .set("expiresAt", Instant.ofEpochMilli(expiresAt).toString())
                        .build())
                .set("converged", converged)
                .set("tolerance", spec.tolerance())
                .set("reported", reported == null ? JsonValue.nullLiteral() : reported)
                .build();
    }
}
