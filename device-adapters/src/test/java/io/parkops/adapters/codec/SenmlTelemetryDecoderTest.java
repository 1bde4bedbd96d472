package io.parkops.adapters.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenmlTelemetryDecoderTest {

    private static final long NOW = 1_764_000_000_000L;
    private final DeviceType meter = DeviceTypeCatalog.builtin().find("energy-meter").orElseThrow();
    private final DeviceType iaq = DeviceTypeCatalog.builtin().find("iaq-sensor").orElseThrow();

    private Decoded decode(DeviceType type, String pack) {
        return SenmlTelemetryDecoder.json().decode(type, pack.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void convertsWattsToKilowattsAndWattHoursToKilowattHours() {
        Decoded d = decode(meter, "[{\"bn\":\"urn:dev:mac:0024befffe804ff1:\",\"n\":\"activePower\",\"u\":\"W\",\"v\":1500},"
                + "{\"n\":\"activeEnergyImport\",\"u\":\"Wh\",\"v\":123456},{\"n\":\"voltageL1\",\"u\":\"V\",\"v\":230.1}]");
        assertThat(d.features().get("energy")).isEqualTo(Map.of("activePower", 1.5, "activeEnergyImport", 123.456, "voltageL1", 230.1));
    }

    @Test
    void takesCelForDegreesCelsius() {
        assertThat(decode(iaq, "[{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]").features().get("environment"))
                .containsEntry("temperature", 21.5);
    }

    @Test
    void refusesAUnitWithoutExactConversionButKeepsTheRest() {
        Decoded d = decode(iaq, "[{\"n\":\"temperature\",\"u\":\"K\",\"v\":294.6},{\"n\":\"co2\",\"u\":\"ppm\",\"v\":640}]");
        assertThat(d.features().get("environment")).containsOnlyKeys("co2");
        assertThat(d.dropped()).singleElement().asString().contains("unit 'K' cannot be converted exactly to '°C'");
    }

    @Test
    void usesTheLatestRecordOfAPropertyAndItsTime() {
        Decoded d = decode(iaq, "[{\"bt\":" + (NOW / 1000 - 20) + ",\"n\":\"co2\",\"v\":600},{\"n\":\"co2\",\"t\":10,\"v\":700}]");
        assertThat(d.features().get("environment")).containsEntry("co2", 700.0);
        assertThat(d.timestamp()).isEqualTo(NOW - 10_000);
    }

    @Test
    void dropsAnImplausibleValue() {
        Decoded d = decode(iaq, "[{\"n\":\"co2\",\"v\":-4},{\"n\":\"humidity\",\"u\":\"%RH\",\"v\":40}]");
        assertThat(d.features().get("environment")).containsOnlyKeys("humidity");
        assertThat(d.dropped()).singleElement().asString().contains("co2").contains("plausible range");
    }

    @Test
    void refusesAPackWithoutAnyKnownRecord() {
        assertThatThrownBy(() -> decode(iaq, "[{\"n\":\"speed\",\"v\":3}]")).hasMessageContaining("no property of type 'iaq-sensor'");
    }

    @Test
    void mapsBooleanRecords() {
        assertThat(decode(iaq, "[{\"n\":\"occupancy\",\"vb\":true}]").features().get("environment")).containsEntry("occupancy", true);
    }
}
