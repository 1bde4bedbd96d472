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

/** Without a content format (MQTT), the payload's shape picks the codec. */
class PayloadDecodersTest {

    private final DeviceType iaq = DeviceTypeCatalog.builtin().find("iaq-sensor").orElseThrow();
    private final DeviceType water =
            DeviceTypeCatalog.parse(BinaryTelemetryDecoderTest.WATER_METER.getBytes(StandardCharsets.UTF_8), "w.json");

    @Test
    void anObjectIsJsonAndAnArrayIsSenml() {
        assertThat(PayloadDecoders.detect(iaq, " {\"co2\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(PayloadDecoders.JSON);
        assertThat(PayloadDecoders.detect(iaq, "[{\"n\":\"co2\",\"v\":1}]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PayloadDecoders.SENML_JSON);
    }

    @Test
    void otherBytesAreTheTypesBinaryLayoutWhenItHasOne() {
        assertThat(PayloadDecoders.detect(water, HexFormat.of().parseHex("8001E2401401"))).isEqualTo(PayloadDecoders.OCTET_STREAM);
    }

    @Test
    void aCborArrayIsSenmlCborForATypeWithoutLayout() {
        assertThat(PayloadDecoders.detect(iaq, HexFormat.of().parseHex("81a2"))).isEqualTo(PayloadDecoders.SENML_CBOR);
        assertThat(PayloadDecoders.detect(iaq, HexFormat.of().parseHex("a1"))).isEqualTo(PayloadDecoders.CBOR);
    }

    @Test
    void mqtt5ContentTypesNameTheFormat() {
        assertThat(PayloadDecoders.formatOfContentType("application/senml+cbor")).isEqualTo(PayloadDecoders.SENML_CBOR);
        assertThat(PayloadDecoders.formatOfContentType("text/plain")).isEqualTo(PayloadDecoders.NONE);
    }

    @Test
    void refusesAnUnsupportedContentFormat() {
        assertThatThrownBy(() -> new PayloadDecoders().decode(iaq, 0, new byte[] {1}, 1L))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.UNSUPPORTED_FORMAT))
                .hasMessageContaining("content format 0 is not supported");
    }
}
