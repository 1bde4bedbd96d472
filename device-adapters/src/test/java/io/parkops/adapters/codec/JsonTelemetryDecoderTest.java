package io.parkops.adapters.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTelemetryDecoderTest {

    private static final long NOW = 1_764_000_000_000L;
    private final DeviceType iaq = DeviceTypeCatalog.builtin().find("iaq-sensor").orElseThrow();
    private final JsonTelemetryDecoder decoder = new JsonTelemetryDecoder();

    private Decoded decode(String json) {
        return decoder.decode(iaq, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void mapsFieldsOntoTheTypesFeature() {
        var d = decode("{\"temperature\":22.5,\"co2\":1400,\"occupancy\":true}");
        assertThat(d.features()).isEqualTo(Map.of("environment", Map.of("temperature", 22.5, "co2", 1400.0, "occupancy", true)));
        assertThat(d.timestamp()).isEqualTo(NOW);
    }

    @Test
    void usesTheDeviceTimestampWhenSane() {
        assertThat(decode("{\"ts\":" + (NOW - 5000) + ",\"co2\":500}").timestamp()).isEqualTo(NOW - 5000);
    }

    @Test
    void fallsBackToIngestTimeForAClockFarInTheFuture() {
        assertThat(decode("{\"ts\":" + (NOW + 3_600_000) + ",\"co2\":500}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void fallsBackToIngestTimeForAnUnsetClock() {
        assertThat(decode("{\"ts\":1000,\"co2\":500}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void rejectsAnArray() {
        assertRejected("[1,2]", "must be a JSON object");
    }

    @Test
    void rejectsAnObjectWithTooManyFields() {
        StringBuilder json = new StringBuilder("{\"co2\":500");
        for (int i = 0; i < JsonTelemetryDecoder.MAX_FIELDS; i++) {
            json.append(",\"x").append(i).append("\":1");
        }
        assertRejected(json.append('}').toString(), "more than 256 fields");
    }

    @Test
    void rejectsAHugeNumber() {
        assertRejected("{\"co2\":" + "9".repeat(500) + "}", "not valid JSON");
    }

    @Test
    void rejectsBrokenJson() {
        assertRejected("{\"co2\": 12", "not valid JSON");
    }

    @Test
    void rejectsTrailingContent() {
        assertRejected("{\"co2\":12} {}", "content after the JSON object");
    }

    @Test
    void rejectsNestedValues() {
        assertRejected("{\"co2\":{\"value\":1}}", "field 'co2' must be a number, boolean or string");
    }

    @Test
    void rejectsAPayloadWithNoKnownProperty() {
        assertRejected("{\"speed\":3}", "no property of type 'iaq-sensor'");
    }

    @Test
    void rejectsANonIntegerTimestamp() {
        assertRejected("{\"ts\":\"yesterday\",\"co2\":1}", "'ts' must be epoch milliseconds");
    }

    @Test
    void dropsAnImplausibleValueButKeepsTheRest() {
        var d = decode("{\"co2\":-5,\"temperature\":21}");
        assertThat(d.features().get("environment")).containsOnlyKeys("temperature");
        assertThat(d.dropped()).singleElement().asString().contains("co2").contains("plausible range");
    }

    @Test
    void dropsAValueOfTheWrongKind() {
        var d = decode("{\"co2\":\"high\",\"occupancy\":1,\"humidity\":40}");
        assertThat(d.features().get("environment")).containsOnlyKeys("humidity");
        assertThat(d.dropped()).hasSize(2);
    }

    @Test
    void rejectsWhenEveryValueIsDropped() {
        assertRejected("{\"co2\":\"high\"}", "no usable value: co2: must be a number");
    }

    @Test
    void ignoresUnknownFieldsNextToKnownOnes() {
        assertThat(decode("{\"co2\":700,\"firmware\":\"1.2\"}").features().get("environment")).containsOnlyKeys("co2");
    }

    private void assertRejected(String json, String text) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.MALFORMED))
                .hasMessageContaining(text);
    }

    @Test
    void followsJsonPointersDeclaredByTheType() {
        DeviceType mapped = DeviceTypeCatalog.parse(("{\"id\":\"nested\",\"version\":\"1\",\"reportingIntervalSeconds\":10,"
                + "\"features\":{\"env\":{\"properties\":{\"temperature\":{\"type\":\"number\"},\"co2\":{\"type\":\"number\"}}}},"
                + "\"payloads\":{\"json\":{\"temperature\":\"/sensors/0/t\",\"co2\":\"CO2\"}}}").getBytes(StandardCharsets.UTF_8), "n.json");
        var d = decoder.decode(mapped, "{\"sensors\":[{\"t\":21.5}],\"CO2\":700}".getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(d.features()).isEqualTo(Map.of("env", Map.of("temperature", 21.5, "co2", 700.0)));
    }

    @Test
    void decodesTheSameObjectAsACborMap() throws Exception {
        byte[] cbor = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory())
                .writeValueAsBytes(Map.of("co2", 900, "occupancy", true));
        assertThat(JsonTelemetryDecoder.cbor().decode(iaq, cbor, NOW).features().get("environment"))
                .isEqualTo(Map.of("co2", 900.0, "occupancy", true));
    }
}
