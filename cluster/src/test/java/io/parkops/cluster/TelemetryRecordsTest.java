package io.parkops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryRecordsTest {

    private static final Device GATEWAYED = new Device(ThingId.of("north-park", "iaq-0001"), "iaq-sensor",
            Map.of("building", "b1", "floor", "3", "zone", "3-east"), List.of("gw-1"));

    @Test
    void aRecordReadsBackAsTheSameMessageWithNobodyWaiting() {
        Telemetry sent = new Telemetry(GATEWAYED, Channel.EVENT, Transport.COAP, 1_700_000_000_123L, 1_700_000_000_456L,
                Map.of("environment", Map.of("co2", 640.0, "occupancy", true, "note", "window open")),
                IngestContext.of(1, IngestContext.NOBODY));

        Telemetry read = TelemetryRecords.read(TelemetryRecords.value(sent));

        assertThat(read.device()).isEqualTo(GATEWAYED);
        assertThat(read.channel()).isEqualTo(Channel.EVENT);
        assertThat(read.transport()).isEqualTo(Transport.COAP);
        assertThat(read.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(read.receivedAt()).isEqualTo(1_700_000_000_456L);
        assertThat(read.features()).isEqualTo(sent.features());
        assertThat(read.context()).isSameAs(IngestContext.NONE);
        assertThat(new String(TelemetryRecords.key(sent), StandardCharsets.UTF_8)).isEqualTo("north.park:iaq-0001"); // the Ditto thing id
    }

    @Test
    void numbersComeBackAsDoublesAndNonFiniteOnesAreLeftOut() {
        Telemetry sent = new Telemetry(GATEWAYED, Channel.TELEMETRY, Transport.MQTT, 1, 2,
                Map.of("environment", Map.of("co2", 640L, "temperature", Double.NaN)));

        Map<String, Object> environment = TelemetryRecords.read(TelemetryRecords.value(sent)).features().get("environment");

        assertThat(environment).containsExactly(Map.entry("co2", 640.0));
    }

    @Test
    void aRecordOfAnotherVersionOrShapeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TelemetryRecords.read("{\"v\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> TelemetryRecords.read("not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> TelemetryRecords.read("{\"v\":1,\"tenant\":\"nanan\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'device' is missing");
    }
}
