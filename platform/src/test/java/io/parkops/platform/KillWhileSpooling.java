package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.InfluxServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * The crash both device protocols go through: a child platform JVM with InfluxDB unreachable (every
 * point goes through the disk spool), a device sends message 0..199 and sees them acknowledged,
 * then 200..399 while the JVM is killed with {@code kill -9}; after a restart with InfluxDB back,
 * every message the device saw acknowledged must be in InfluxDB. Message {@code i} carries
 * {@code co2 = 400 + i}.
 */
final class KillWhileSpooling {

    static final int SENT = 400;
    private static final long BASE_TS = System.currentTimeMillis() - 120_000;

    /** A device as the test drives it: sends message {@code i}, calls {@code acknowledged} with {@code i} when the platform confirms it. */
    interface Device {
        void send(int i, IntConsumer acknowledged);
    }

    /** Connects the device once the first platform is ready. */
    interface Connect {
        Device connect() throws Exception;
    }

    private KillWhileSpooling() {
    }

    /**
     * A device (or a gateway acting for iaq-0001) signed in over MQTT 5 that publishes message {@code i}
     * on {@code telemetry/nanan/iaq-0001} at QoS 1, all at once; a PUBACK without an error is its acknowledgement.
     */
    static Connect mqtt5(int port, String clientId, String username, String password) {
        return () -> {
            Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                    .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
            client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            return (i, acknowledged) -> client.publishWith().topic("telemetry/nanan/iaq-0001").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload(i).getBytes(StandardCharsets.UTF_8)).send()
                    .thenAccept(result -> {
                        if (result.getError().isEmpty()) {
                            acknowledged.accept(i);
                        }
                    });
        };
    }

    /** Message {@code i} as JSON with its own timestamp. */
    static String payload(int i) {
        return "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (400 + i) + "}";
    }

    /** {@code env} has an unreachable PARKOPS_INFLUX_URL; {@code acknowledgement} names the device's confirmation in messages. */
    static void run(InfluxServer influx, String db, Map<String, String> env, int httpPort, Path log, Connect connect,
                    String acknowledgement) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildPlatform first = ChildPlatform.start(env, httpPort, log)) {
            Device device = connect.connect();
            for (int i = 0; i < 200; i++) {
                device.send(i, acknowledged::add);
                if (i % 10 == 9) {
                    Thread.sleep(50);
                }
            }
            Eventually.await(Duration.ofSeconds(60), acknowledged::size, n -> n >= 200, acknowledgement + " for the first 200");
            Eventually.await(Duration.ofSeconds(20), () -> first.get("/health", null).body(),
                    b -> b.contains("points wait in the disk spool"), "readings in the disk spool");
            for (int i = 200; i < SENT; i++) { // still sending when the JVM dies
                device.send(i, acknowledged::add);
            }
            first.kill();
        }
        Set<Integer> beforeKill = Set.copyOf(acknowledged);
        assertThat(beforeKill).as(acknowledgement + " before the kill").hasSizeGreaterThanOrEqualTo(200);

        env.put("PARKOPS_INFLUX_URL", influx.url());
        try (ChildPlatform second = ChildPlatform.start(env, httpPort, log)) {
            List<List<Object>> rows = Eventually.await(Duration.ofSeconds(60), () -> influx.rows(db,
                            "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    r -> r.size() >= beforeKill.size(), "the spooled readings in InfluxDB");
            Set<Integer> stored = rows.stream().map(r -> ((Number) r.get(1)).intValue() - 400).collect(Collectors.toSet());
            assertThat(stored).as("every message acknowledged to the device (" + acknowledgement + ") is stored")
                    .containsAll(beforeKill);
            assertThat(stored).allMatch(i -> i >= 0 && i < SENT);
        }
    }
}
