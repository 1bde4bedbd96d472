package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a platform JVM while a device publishes at QoS 1 through an external
 * Mosquitto, with InfluxDB unreachable so that everything goes through the disk spool; then a
 * restart with InfluxDB back. Registry, twins, alerts and the spool survive, the messages the
 * killed instance had not made durable are delivered again by the broker (persistent session,
 * acknowledgement only once durable), and InfluxDB ends up with exactly the messages the broker
 * acknowledged to the device (distinct timestamps, so a message written twice is one point).
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class CrashRecoveryTest {

    private static final String TOKEN = "crash-test-admin";
    private static final int MESSAGES = 900;
    private static final long BASE_TS = System.currentTimeMillis() - 120_000;

    @TempDir
    Path dir;

    @AfterEach
    void stopBroker() {
        new PrivateMosquitto(dir.resolve("mosquitto")).stopQuietly();
    }

    @Test
    void nothingAcknowledgedIsLostWhenThePlatformIsKilledUnderLoad(InfluxServer influx) throws Exception {
        String brokerUrl = new PrivateMosquitto(dir.resolve("mosquitto")).start();
        int brokerPort = Integer.parseInt(brokerUrl.substring(brokerUrl.lastIndexOf(':') + 1));
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        Map<String, String> env = env(brokerUrl, "http://127.0.0.1:" + FreePort.tcp(), db, httpPort); // nobody listens there
        Path log = dir.resolve("platform.log");

        Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("iaq-0001@nanan").serverHost("127.0.0.1")
                .serverPort(brokerPort).buildAsync();
        device.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        List<CompletableFuture<?>> acks = new ArrayList<>();
        String alertId;
        try (ChildPlatform first = ChildPlatform.start(env, httpPort, log)) {
            assertThat(first.send("POST", "/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"iaq-0042\",\"type\":\"iaq-sensor\"}",
                    TOKEN).statusCode()).isEqualTo(201);
            publish(device, "iaq-0002", BASE_TS, 3000, acks); // raises the major CO2 alert at once
            alertId = Eventually.await(Duration.ofSeconds(20), () -> new JsonArray(first.get("/api/alerts?state=ACTIVE&tenant=nanan",
                    TOKEN).body()), a -> !a.isEmpty(), "the CO2 alert").getJsonObject(0).getString("id");
            publishSteadily(device, 0, MESSAGES / 2, acks);
            Eventually.await(Duration.ofSeconds(20), () -> first.get("/health", null).body(),
                    b -> b.contains("points wait in the disk spool"), "readings in the disk spool");
            Thread.sleep(1_500); // registry and alert store commit within a second
            first.kill();
        }
        publishSteadily(device, MESSAGES / 2, MESSAGES / 4, acks); // while no platform runs: the broker keeps them
        env.put("PARKOPS_INFLUX_URL", influx.url());
        try (ChildPlatform second = ChildPlatform.start(env, httpPort, log)) {
            publishSteadily(device, MESSAGES * 3 / 4, MESSAGES - MESSAGES * 3 / 4, acks);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            List<List<Object>> rows = Eventually.await(Duration.ofSeconds(60), () -> influx.rows(db,
                            "SELECT count(co2) FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    r -> !r.isEmpty() && ((Number) r.get(0).get(1)).longValue() >= MESSAGES, "every acknowledged reading in InfluxDB");
            assertThat(((Number) rows.get(0).get(1)).longValue()).isEqualTo(MESSAGES);
            assertThat(second.get("/api/devices/nanan/iaq-0042", TOKEN).statusCode()).isEqualTo(200);
            assertThat(new JsonObject(second.get("/api/alerts/" + alertId, TOKEN).body()).getString("state")).isEqualTo("ACTIVE_UNACK");
            String co2 = second.get("/api/2/things/nanan:iaq-0001/features/environment/properties/co2", TOKEN).body();
            assertThat(Double.parseDouble(co2)).isEqualTo(co2Of(MESSAGES - 1));
        } finally {
            device.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> env(String brokerUrl, String influxUrl, String db, int httpPort) throws Exception {
        Map<String, String> env = ChildPlatform.env(dir, httpPort, influxUrl, db, TOKEN);
        env.put("PARKOPS_MQTT_URL", brokerUrl);
        env.put("PARKOPS_MQTT_SESSION_EXPIRY", "600");
        env.put("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true");
        return env;
    }

    /** About 150 messages a second, each with its own timestamp. */
    private static void publishSteadily(Mqtt5AsyncClient device, int from, int count, List<CompletableFuture<?>> acks)
            throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            publish(device, "iaq-0001", BASE_TS + 1 + i, co2Of(i), acks);
            if (i % 15 == 14) {
                Thread.sleep(100);
            }
        }
    }

    private static double co2Of(int i) {
        return 400 + i % 500;
    }

    private static void publish(Mqtt5AsyncClient device, String deviceId, long ts, double co2, List<CompletableFuture<?>> acks) {
        String json = "{\"ts\":" + ts + ",\"co2\":" + co2 + "}";
        acks.add(device.publishWith().topic("telemetry/nanan/" + deviceId).qos(MqttQos.AT_LEAST_ONCE)
                .payload(json.getBytes(StandardCharsets.UTF_8)).send());
    }
}
