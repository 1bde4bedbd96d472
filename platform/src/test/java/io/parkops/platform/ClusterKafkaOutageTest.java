package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaProcess;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stopped for 20 s under load, in cluster mode: two MQTT 5 devices keep publishing numbered
 * readings at QoS 1 and a CoAPS device ({@code coap-client-openssl}) keeps posting, before, during
 * and after the outage. No device is acknowledged while Kafka is away; every reading any device saw
 * acknowledged is in Kafka's telemetry topic and in InfluxDB; and the node acknowledges readings
 * again by itself once Kafka is back, with nobody restarting it.
 */
@ExtendWith(RealServices.class)
@Timeout(240)
class ClusterKafkaOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final long MQTT_PAUSE_MS = 200; // 5 readings a second per device, inside the device rate limit
    private static final List<String> MQTT_DEVICES = List.of("iaq-0001", "iaq-0002");
    private static final String COAPS_DEVICE = "iaq-0003";
    /** An acknowledgement already on its way when Kafka died may still reach the device this long after. */
    private static final long IN_FLIGHT_MS = 3000; // a GC pause or a coap-client exit on a busy machine; the outage lasts far longer
    /** The response line coap-client prints at -v 6: {@code v:1 t:ACK c:2.04 i:...}. */
    private static final java.util.regex.Pattern ACK_204 = java.util.regex.Pattern.compile("\\bc:2\\.04\\b");

    @Test
    void noDeviceIsAcknowledgedForWhatKafkaDidNotTakeAndNothingAcknowledgedIsLost(InfluxServer influx, @TempDir Path dir)
            throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            Map<String, String> env = ClusterModeTest.clusterEnv(kafka.bootstrap());
            try (TestPlatform p = TestPlatform.start(influx, dir.resolve("node"), null, env)) {
                Map<String, Map<Integer, Long>> acknowledged = new ConcurrentHashMap<>(); // device -> reading -> when
                AtomicBoolean sending = new AtomicBoolean(true);
                List<Thread> devices = new ArrayList<>();
                for (String device : MQTT_DEVICES) {
                    devices.add(started(device, () -> mqttDevice(p, device, sending, acks(acknowledged, device))));
                }
                devices.add(started(COAPS_DEVICE, () -> coapsDevice(p, sending, acks(acknowledged, COAPS_DEVICE))));

                Eventually.await(Duration.ofSeconds(30), () -> count(acknowledged), n -> n >= 40, "readings acknowledged before the outage");
                kafka.kill();
                long killedAt = System.currentTimeMillis();
                int beforeOutage = count(acknowledged);
                Thread.sleep(OUTAGE.toMillis());
                long restartedAt = System.currentTimeMillis();
                kafka.restart();
                Eventually.await(Duration.ofSeconds(90), () -> acknowledgedAfter(acknowledged, restartedAt),
                        n -> n >= 20, "readings acknowledged again once Kafka is back");
                long recoveredMs = acknowledged.values().stream().flatMap(m -> m.values().stream())
                        .filter(at -> at > restartedAt).mapToLong(at -> at - restartedAt).min().orElse(-1);
                Thread.sleep(3000);
                sending.set(false);
                for (Thread device : devices) {
                    device.join(60_000);
                }

                assertThat(beforeOutage).isPositive();
                assertThat(acknowledged.values().stream().flatMap(m -> m.values().stream())
                        .filter(at -> at > killedAt + IN_FLIGHT_MS && at < restartedAt))
                        .as("acknowledgements while Kafka was away").isEmpty();
                System.out.printf("Kafka away %d s; acknowledged before %d; first acknowledgement %d ms after the restart began; "
                        + "acknowledged in all %s%n", OUTAGE.toSeconds(), beforeOutage, recoveredMs, acknowledged.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
                assertThat(acknowledged.entrySet()).as("devices acknowledged at all").hasSize(MQTT_DEVICES.size() + 1)
                        .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isNotEmpty());

                Map<String, Set<Integer>> inKafka = ClusterModeTest.telemetryRecords(kafka.bootstrap(),
                                env.get("PARKOPS_KAFKA_TOPIC_PREFIX") + "telemetry").stream()
                        .collect(Collectors.groupingBy(r -> r.key().substring(r.key().indexOf(':') + 1),
                                Collectors.mapping(ClusterKafkaOutageTest::reading, Collectors.toSet())));
                for (Map.Entry<String, Map<Integer, Long>> device : acknowledged.entrySet()) {
                    String id = device.getKey();
                    Set<Integer> acked = device.getValue().keySet();
                    assertThat(inKafka.getOrDefault(id, Set.of())).as("%s: every acknowledged reading in Kafka", id).containsAll(acked);
                    Set<Integer> stored = Eventually.await(Duration.ofSeconds(60), () -> stored(influx, p.influxDb, id),
                            s -> s.containsAll(acked), id + ": every acknowledged reading in InfluxDB");
                    assertThat(stored).as(id).containsAll(acked);
                }
                assertThat(p.get("/health").body()).as("/health once Kafka is back").doesNotContain("Kafka does not take telemetry");
            }
        }
    }

    /** Publishes co2 = 400 + n at QoS 1, n = 0, 1, 2 ... until told to stop, and waits for the last answers. */
    private static void mqttDevice(TestPlatform p, String device, AtomicBoolean sending, Acks acks) {
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(device + "@nanan").serverHost("127.0.0.1")
                .serverPort(p.platform.mqttPort()).simpleAuth().username(device + "@nanan")
                .password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        try {
            client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
            for (int n = 0; sending.get(); n++) {
                int reading = n;
                answers.add(client.publishWith().topic("telemetry/nanan/" + device).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"co2\":" + (400 + n) + "}").getBytes(StandardCharsets.UTF_8)).send()
                        .thenAccept(result -> {
                            if (result.getError().isEmpty()) {
                                acks.acknowledged(reading);
                            }
                        }));
                Thread.sleep(MQTT_PAUSE_MS);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(device + " stopped: " + e, e);
        }
    }

    /** Posts co2 = 400 + n with coap-client-openssl, one at a time; a 2.04 in its answer is the acknowledgement. */
    private static void coapsDevice(TestPlatform p, AtomicBoolean sending, Acks acks) {
        for (int n = 0; sending.get(); n++) {
            ExternalCommand.Result answer = ExternalCommand.run(Duration.ofSeconds(60), "coap-client-openssl", "-m", "post",
                    "-t", "50", "-B", "30", "-v", "6", "-u", COAPS_DEVICE + "@nanan", "-k", COAPS_DEVICE + "-key",
                    "-e", "{\"co2\":" + (400 + n) + "}", "coaps://127.0.0.1:" + p.platform.coapsPort() + "/telemetry");
            if (ACK_204.matcher(answer.output()).find()) {
                acks.acknowledged(n);
            } else if (n < 3) {
                System.out.println("coap-client-openssl, reading " + n + ": " + answer.output());
            }
        }
    }

    private static Thread started(String name, Runnable device) {
        Thread thread = new Thread(device, name);
        thread.start();
        return thread;
    }

    private interface Acks {
        void acknowledged(int reading);
    }

    private static Acks acks(Map<String, Map<Integer, Long>> acknowledged, String device) {
        Map<Integer, Long> mine = acknowledged.computeIfAbsent(device, d -> new ConcurrentHashMap<>());
        return reading -> mine.put(reading, System.currentTimeMillis());
    }

    private static int count(Map<String, Map<Integer, Long>> acknowledged) {
        return acknowledged.values().stream().mapToInt(Map::size).sum();
    }

    private static long acknowledgedAfter(Map<String, Map<Integer, Long>> acknowledged, long from) {
        return acknowledged.values().stream().flatMap(m -> m.values().stream()).filter(at -> at > from).count();
    }

    private static int reading(ConsumerRecord<String, String> record) {
        return ClusterKillTest.co2(record.value()) - 400;
    }

    private static Set<Integer> stored(InfluxServer influx, String db, String device) {
        return influx.rows(db, "SELECT co2 FROM environment WHERE thing = 'nanan:" + device + "'").stream()
                .map(r -> ((Number) r.get(1)).intValue() - 400).collect(Collectors.toSet());
    }
}
