package io.parkops.model;

import java.util.Objects;

/**
 * An alert transition as crews' MQTT clients get it: {@code alerts/{tenant}/{deviceId}} with the
 * alert's JSON. The rules module makes it (it owns the alert JSON); the platform's own MQTT endpoint
 * publishes it, so the endpoint needs nothing from the rules module.
 */
public record AlertNotice(ThingId thingId, String json) {

    public AlertNotice {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(json, "json");
    }

    public String topic() {
        return "alerts/" + thingId.tenant() + '/' + thingId.deviceId();
    }
}
