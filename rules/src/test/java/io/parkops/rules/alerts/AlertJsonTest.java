package io.parkops.rules.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    @Test
    void hasTheContractFields() {
        Device device = new Device(ThingId.of("north-park", "iaq-7"), "iaq-sensor", Map.of());
        Alert alert = new Alert("a1", device, "iaq-co2-high", Severity.WARNING, AlertState.ACTIVE_ACK, 1234.5, 1000,
                "CO2 above 1000 ppm", 1_700_000_000_000L, 1_700_000_000_250L, "anonymous", "on it");
        JsonObject json = AlertJson.toJson(alert);
        assertThat(json.getMap()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("id", "a1"), Map.entry("thingId", "north.park:iaq-7"), Map.entry("tenant", "north-park"),
                Map.entry("deviceId", "iaq-7"), Map.entry("ruleId", "iaq-co2-high"), Map.entry("severity", "warning"),
                Map.entry("state", "ACTIVE_ACK"), Map.entry("value", 1234.5), Map.entry("threshold", 1000.0),
                Map.entry("message", "CO2 above 1000 ppm"), Map.entry("raisedAt", "2023-11-14T22:13:20Z"),
                Map.entry("updatedAt", "2023-11-14T22:13:20.250Z"), Map.entry("ackedBy", "anonymous"),
                Map.entry("ackNote", "on it"), Map.entry("type", "iaq-sensor"), Map.entry("suppressed", false)));
        assertThat(json.getValue("suppressedBy")).isNull();
    }

    @Test
    void readsBackWhatItWrites() {
        Device device = new Device(ThingId.of("nanan", "iaq-7"), "iaq-sensor", Map.of("building", "b1"));
        Alert alert = new Alert("a1", device, "co2", Severity.WARNING, AlertState.ACTIVE_UNACK, 1234.5, 1000, "CO2",
                1_700_000_000_000L, 1_700_000_000_250L, null, null, java.util.List.of(new io.parkops.model.AlertEvent(
                1_700_000_000_000L, io.parkops.model.AlertEvent.Kind.RAISED, Severity.WARNING, 1234.5, null, null)), null)
                .acknowledged("li.wei", "on it", 1_700_000_000_500L)
                .withSuppression("mw-1", 1_700_000_000_600L);
        assertThat(AlertJson.fromJson(new JsonObject(AlertJson.toJson(alert).encode()))).isEqualTo(alert);
    }

    @Test
    void absentAckAndNonFiniteValueAreNull() {
        Device device = new Device(ThingId.of("nanan", "m"), "energy-meter", Map.of());
        Alert alert = new Alert("a1", device, "r", Severity.MAJOR, AlertState.ACTIVE_UNACK, Double.NaN, 1, "m", 0, 0,
                null, null);
        JsonObject json = AlertJson.toJson(alert);
        assertThat(json.containsKey("ackedBy")).isTrue();
        assertThat(json.getValue("ackedBy")).isNull();
        assertThat(json.getValue("value")).isNull();
        assertThat(json.encode()).doesNotContain("NaN");
    }
}
