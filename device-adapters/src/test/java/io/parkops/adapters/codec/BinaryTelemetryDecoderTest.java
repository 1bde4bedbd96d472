package io.parkops.adapters.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import io.parkops.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryTelemetryDecoderTest {

    static final String WATER_METER = """
            {"id":"test-water-meter","version":"1","reportingIntervalSeconds":900,
             "features":{"water":{"properties":{
               "volume":{"type":"number","unit":"m³","minimum":0},
               "flowRate":{"type":"number","unit":"l/min","minimum":0,"maximum":500},
               "leak":{"type":"boolean"}}}},
             "payloads":{"binary":{"length":6,"fields":{
               "volume":{"offset":0,"type":"u32","scale":0.001},
               "flowRate":{"offset":4,"type":"u8","scale":0.5},
               "leak":{"offset":5,"type":"u8"}}}}}
            """;
    private final DeviceType type = DeviceTypeCatalog.parse(WATER_METER.getBytes(StandardCharsets.UTF_8), "water.json");
    private final BinaryTelemetryDecoder decoder = new BinaryTelemetryDecoder();

    @Test
    void decodesTheDeclaredLayout() {
        Decoded d = decoder.decode(type, HexFormat.of().parseHex("0001E24014" + "01"), 5L);
        assertThat(d.features().get("water")).containsEntry("volume", 123.456).containsEntry("flowRate", 10.0).containsEntry("leak", true);
    }

    @Test
    void readsLittleEndianSignedAndFloatFields() {
        DeviceType t = DeviceTypeCatalog.parse(("{\"id\":\"t\",\"version\":\"1\",\"reportingIntervalSeconds\":1,\"features\":{\"f\":{\"properties\":{"
                + "\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}},\"payloads\":{\"binary\":{\"fields\":{"
                + "\"a\":{\"offset\":0,\"type\":\"i16\",\"endian\":\"little\",\"scale\":0.1,\"add\":-40},"
                + "\"b\":{\"offset\":2,\"type\":\"f32\"}}}}}").getBytes(StandardCharsets.UTF_8), "t.json");
        Decoded d = decoder.decode(t, HexFormat.of().parseHex("18FC" + "41C80000"), 5L); // -1000 -> -140; 25.0f
        assertThat(d.features().get("f")).containsEntry("a", -140.0).containsEntry("b", 25.0);
    }

    @Test
    void refusesAFrameOfTheWrongLength() {
        assertThatThrownBy(() -> decoder.decode(type, new byte[5], 5L))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.MALFORMED))
                .hasMessageContaining("binary frame of 5 bytes; type 'test-water-meter' expects exactly 6");
    }

    @Test
    void refusesBinaryForATypeWithoutLayout() {
        DeviceType iaq = DeviceTypeCatalog.builtin().find("iaq-sensor").orElseThrow();
        assertThatThrownBy(() -> decoder.decode(iaq, new byte[4], 5L))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.UNSUPPORTED_FORMAT));
    }
}
