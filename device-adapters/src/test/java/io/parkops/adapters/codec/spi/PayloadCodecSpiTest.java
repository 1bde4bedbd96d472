package io.parkops.adapters.codec.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.codec.Decoded;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.model.DeviceType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A type names a Java codec found through ServiceLoader; the platform still checks its values. */
class PayloadCodecSpiTest {

    private final DeviceType type = DeviceTypeCatalog.parse(("{\"id\":\"tlv-sensor\",\"version\":\"1\",\"reportingIntervalSeconds\":60,"
            + "\"features\":{\"environment\":{\"properties\":{\"temperature\":{\"type\":\"number\",\"unit\":\"°C\",\"minimum\":-20,\"maximum\":60},"
            + "\"co2\":{\"type\":\"number\",\"unit\":\"ppm\",\"minimum\":0,\"maximum\":10000}}}},"
            + "\"payloads\":{\"codec\":\"example-tlv\"}}").getBytes(StandardCharsets.UTF_8), "tlv.json");
    private final PayloadDecoders decoders = new PayloadDecoders();

    @Test
    void decodesThroughTheServiceLoadedCodec() {
        assertThat(decoders.hasCodec("example-tlv")).isTrue();
        Decoded d = decoders.decode(type, PayloadDecoders.OCTET_STREAM, HexFormat.of().parseHex("02020280010200DD"), 7L);
        assertThat(d.features().get("environment")).containsEntry("co2", 640.0).containsEntry("temperature", 22.1);
    }

    @Test
    void checksTheCodecsValuesAgainstTheType() {
        Decoded d = decoders.decode(type, PayloadDecoders.OCTET_STREAM, HexFormat.of().parseHex("02022EE0010200DD"), 7L);
        assertThat(d.features().get("environment")).containsOnlyKeys("temperature");
        assertThat(d.dropped()).singleElement().asString().contains("co2").contains("plausible range");
    }

    @Test
    void turnsACodecExceptionIntoARejection() {
        assertThatThrownBy(() -> decoders.decode(type, PayloadDecoders.OCTET_STREAM, new byte[] {9, 2, 0, 0}, 7L))
                .hasMessageContaining("codec 'example-tlv': unknown TLV tag 9");
    }
}
