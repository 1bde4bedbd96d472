package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-device rate limit over both protocols: a device sending faster than its rate gets CoAP
 * 4.29 (coap-client-notls); over MQTT its QoS 1 messages are paced (their PUBACKs wait) and all
 * stored, while a QoS 0 message over the rate is dropped and counted as {@code rate_limited}; and
 * another device is not affected.
 */
@ExtendWith(RealServices.class)
@Timeout(90)
class RateLimitTest {

    @Test
    void aDeviceAboveItsRateIsRefusedOverCoapAndPacedOverMqtt(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null, Map.of(
                "PARKOPS_DEVICE_RATE", "0.5", "PARKOPS_DEVICE_BURST", "2",
                "PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true", "PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true"))) {
            int port = p.platform.coapPort();
            assertThat(DeviceClients.coapPost(port, "/telemetry/nanan/iaq-0001", "{\"co2\":501}").output()).doesNotContain("4.29");
            assertThat(DeviceClients.coapPost(port, "/telemetry/nanan/iaq-0001", "{\"co2\":502}").output()).doesNotContain("4.29");
            ExternalCommand.Result third = DeviceClients.coapPost(port, "/telemetry/nanan/iaq-0001", "{\"co2\":503}");
            assertThat(third.output()).contains("4.29").contains("sends faster than 0.5 messages a second");
            assertThat(DeviceClients.coapPost(port, "/telemetry/nanan/iaq-0002", "{\"co2\":504}").output()).doesNotContain("4.");
            assertThat(p.counter("parkops.messages", "transport", "coap", "result", "rate_limited")).isEqualTo(1);

            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003",
                        "{\"co2\":" + (600 + i) + "}");
                assertThat(r.exitCode()).as(r.output()).isZero();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two messages over the burst waited 2 s each")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(3_500));
            assertThat(p.counter("parkops.messages", "transport", "mqtt", "result", "accepted")).isEqualTo(4);
            assertThat(p.counter("parkops.messages.paced", "transport", "mqtt")).isEqualTo(2);
            assertThat(p.counter("parkops.messages", "transport", "mqtt", "result", "rate_limited")).isZero();
            Eventually.await(Duration.ofSeconds(15), () -> influx.rows(p.influxDb,
                    "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0003'").size(), n -> n == 4, "all four stored");

            ExternalCommand.Result qos0 = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003",
                    "{\"co2\":700}", 0);
            assertThat(qos0.exitCode()).as(qos0.output()).isZero();
            Eventually.await(Duration.ofSeconds(15), () -> p.counter("parkops.messages", "transport", "mqtt", "result", "rate_limited"),
                    n -> n == 1, "the QoS 0 message over the rate counted as rate_limited");
            Eventually.await(Duration.ofSeconds(15), () -> p.get("/api/2/things/nanan:iaq-0002/features/environment/properties/co2").body(),
                    b -> b.equals("504.0"), "the other device's reading in its twin");
        }
    }
}
