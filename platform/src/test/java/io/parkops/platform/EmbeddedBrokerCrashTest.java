package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a platform JVM while a signed-in device publishes at QoS 1 to the embedded
 * broker, with InfluxDB unreachable so that every point goes through the disk spool. The broker
 * intake sends a PUBACK only once a message is durable, so after a restart with InfluxDB back every
 * message the device saw acknowledged is in InfluxDB, although the broker itself died with the JVM.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class EmbeddedBrokerCrashTest {

    private static final String TOKEN = "crash-test-admin";
    private static final int SENT = 400;
    private static final long BASE_TS = System.currentTimeMillis() - 120_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsStoredAfterAKill(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        int mqttPort = FreePort.tcp();
        Map<String, String> env = env("http://127.0.0.1:" + FreePort.tcp(), db, httpPort, mqttPort); // nobody listens there
        Path log = dir.resolve("platform.log");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildPlatform first = ChildPlatform.start(env, httpPort, log)) {
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("iaq-0001").serverHost("127.0.0.1").serverPort(mqttPort)
                    .simpleAuth().username("iaq-0001@nanan").password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().buildAsync();
            device.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 200; i++) {
                publish(device, i, acknowledged);
                if (i % 10 == 9) {
                    Thread.sleep(50);
                }
            }
            Eventually.await(Duration.ofSeconds(30), acknowledged::size, n -> n >= 200, "PUBACKs for the first 200");
            Eventually.await(Duration.ofSeconds(20), () -> first.get("/health", null).body(),
                    b -> b.contains("points wait in the disk spool"), "readings in the disk spool");
            for (int i = 200; i < SENT; i++) { // still publishing when the JVM dies
                publish(device, i, acknowledged);
            }
            first.kill();
        }
        Set<Integer> ackedBeforeKill = Set.copyOf(acknowledged);
        assertThat(ackedBeforeKill).as("PUBACKs before the kill").hasSizeGreaterThanOrEqualTo(200);

        env.put("PARKOPS_INFLUX_URL", influx.url());
        try (ChildPlatform second = ChildPlatform.start(env, httpPort, log)) {
            List<List<Object>> rows = Eventually.await(Duration.ofSeconds(60), () -> influx.rows(db,
                            "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    r -> r.size() >= ackedBeforeKill.size(), "the spooled readings in InfluxDB");
            Set<Integer> stored = rows.stream().map(r -> ((Number) r.get(1)).intValue() - 400).collect(Collectors.toSet());
            assertThat(stored).as("every message acknowledged to the device is stored").containsAll(ackedBeforeKill);
            assertThat(stored).allMatch(i -> i >= 0 && i < SENT);
        }
    }

    private static void publish(Mqtt5AsyncClient device, int i, Set<Integer> acknowledged) {
        String json = "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (400 + i) + "}";
        device.publishWith().topic("telemetry/nanan/iaq-0001").qos(MqttQos.AT_LEAST_ONCE)
                .payload(json.getBytes(StandardCharsets.UTF_8)).send()
                .thenAccept(result -> {
                    if (result.getError().isEmpty()) {
                        acknowledged.add(i);
                    }
                });
    }

    private Map<String, String> env(String influxUrl, String db, int httpPort, int mqttPort) throws Exception {
        Map<String, String> env = ChildPlatform.env(dir, httpPort, influxUrl, db, TOKEN);
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        return env;
    }
}
