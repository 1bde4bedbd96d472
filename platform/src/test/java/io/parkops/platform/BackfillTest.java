package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A device back from a network outage flushes its buffered readings at once, far above its rate:
 * every one is stored, none is acknowledged and dropped. The rate limit paces the device (its
 * PUBACKs wait) instead of refusing it. The device is {@code mosquitto_pub -l}, one reading per
 * line with its own timestamp, over MQTT 3.1.1 and MQTT 5, on both device endpoints (the embedded
 * HiveMQ CE broker answers one message of a connection at a time, the Vert.x endpoint keeps many in
 * flight, so there the device runs into its bucket's debt).
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class BackfillTest {

    private static final int READINGS = 150;

    @ParameterizedTest(name = "MQTT {0} on the {1} endpoint")
    @CsvSource({"mqttv311, hivemq", "mqttv5, hivemq", "mqttv311, vertx", "mqttv5, vertx"})
    void aBufferedBurstIsAllStoredAndPaced(String version, String endpoint, InfluxServer influx, @TempDir Path dir)
            throws Exception {
        // 10 a second with a burst of 20, far below what one connection carries on any machine (the HiveMQ
        // endpoint answers a connection's messages one at a time): the flush is paced over about 13 s
        try (TestPlatform p = TestPlatform.start(influx, dir, null, Map.of(
                "PARKOPS_DEVICE_RATE", "10", "PARKOPS_DEVICE_BURST", "20", "PARKOPS_MQTT_ENDPOINT", endpoint))) {
            long base = System.currentTimeMillis() - 3_600_000; // buffered an hour ago
            List<String> lines = new ArrayList<>(READINGS);
            for (int i = 0; i < READINGS; i++) {
                lines.add("{\"ts\":" + (base + i * 1000L) + ",\"co2\":" + (500 + i) + "}");
            }
            Path buffered = Files.write(dir.resolve("buffered.txt"), lines, StandardCharsets.UTF_8);

            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(p.platform.mqttPort()),
                    "-V", version, "-q", "1", "-i", "iaq-0001@nanan", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                    "-t", "telemetry/nanan/iaq-0001", "-l")
                    .redirectInput(buffered.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pub.log").toFile()).start();
            assertThat(pub.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
            assertThat(pub.exitValue()).as(Files.readString(dir.resolve("pub.log"))).isZero();

            Eventually.await(Duration.ofSeconds(30), () -> influx.rows(p.influxDb,
                    "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'").size(), n -> n == READINGS,
                    READINGS + " points in InfluxDB");
            assertThat(p.counter("parkops.messages", "transport", "mqtt", "result", "rate_limited")).isZero();
            assertThat(p.counter("parkops.messages", "transport", "mqtt", "result", "accepted")).isEqualTo(READINGS);
            assertThat(p.counter("parkops.messages.paced", "transport", "mqtt")).as("held back to the rate, not refused")
                    .isGreaterThan(READINGS / 2.0);
        }
    }
}
