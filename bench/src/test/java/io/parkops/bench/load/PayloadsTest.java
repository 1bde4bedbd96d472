package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void carriesTheDeviceTimestampAndThreeFields() throws Exception {
        JsonNode m = JSON.readTree(Payloads.encode(1_795_857_310_663L, 7, 3, false));
        assertThat(m.path("ts").asLong()).isEqualTo(1_795_857_310_663L);
        assertThat(m.fieldNames()).toIterable().containsExactly("ts", "temperature", "humidity", "illuminance");
    }

    @Test
    void valuesStayInsideTheIaqSensorsPlausibleRanges() throws Exception {
        for (long ts = 1_795_857_300_000L; ts < 1_795_857_500_000L; ts += 997) {
            JsonNode m = JSON.readTree(Payloads.encode(ts, (int) (ts % 2000), ts % 300, ts % 2 == 0));
            assertThat(m.path("illuminance").asDouble()).isBetween(0.0, 100_000.0);
            assertThat(m.path("temperature").asDouble()).isBetween(-20.0, 60.0);
            assertThat(m.path("humidity").asDouble()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void onlyCrossingMessagesBreachTheAlertThreshold() throws Exception {
        for (long seq = 0; seq < 200; seq++) {
            long ts = 1_795_857_310_000L + seq * 37;
            assertThat(JSON.readTree(Payloads.encode(ts, 1, seq, false)).path("temperature").asDouble())
                    .isLessThanOrEqualTo(Payloads.ALERT_THRESHOLD);
            assertThat(JSON.readTree(Payloads.encode(ts, 1, seq, true)).path("temperature").asDouble())
                    .isGreaterThan(Payloads.ALERT_THRESHOLD);
        }
    }

    @Test
    void timestampIsRecoveredFromTheTwinValueSeenLater() throws Exception {
        long ts = 1_795_857_310_663L;
        double illuminance = JSON.readTree(Payloads.encode(ts, 0, 0, false)).path("illuminance").asDouble();
        assertThat(Payloads.tsFromIlluminance(illuminance, ts + 42)).isEqualTo(ts);
        assertThat(Payloads.tsFromIlluminance(illuminance, ts + 99_000)).isEqualTo(ts);
    }

    @Test
    void timestampIsRecoveredFromTheAlertValueAcrossASecondBoundary() throws Exception {
        long ts = 1_795_857_319_998L;
        double value = JSON.readTree(Payloads.encode(ts, 0, 0, true)).path("temperature").asDouble();
        assertThat(Payloads.tsFromAlertValue(value, ts + 5)).isEqualTo(ts);
        assertThat(Payloads.tsFromAlertValue(22.5, ts)).isEqualTo(-1);
    }

    @Test
    void theDeviceTimestampIsReadBackFromTheBytesOnTheWire() {
        byte[] m = Payloads.encode(1_795_857_310_663L, 7, 3, true);
        assertThat(Payloads.sentAt(java.nio.ByteBuffer.wrap(m).asReadOnlyBuffer())).isEqualTo(1_795_857_310_663L);
        java.nio.ByteBuffer offset = java.nio.ByteBuffer.allocate(m.length + 4);
        offset.put(new byte[4]).put(m).flip().position(4);
        assertThat(Payloads.sentAt(offset)).isEqualTo(1_795_857_310_663L);
        assertThat(Payloads.sentAt(java.nio.ByteBuffer.wrap("{\"co2\":1}".getBytes()))).isEqualTo(-1);
    }
}
