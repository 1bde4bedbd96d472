package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaProcess;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode ({@code PARKOPS_KAFKA_BOOTSTRAP} set) against a real Kafka: devices are acknowledged
 * once Kafka has their message, InfluxDB is written from Kafka by the writer group, the twin from
 * the node's own feed, and while Kafka is away no device is acknowledged.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class ClusterModeTest {

    private static final int READINGS = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACKNOWLEDGED = "acknowledged";

    /** Cluster settings on {@code bootstrap} with topics of their own, so tests sharing one Kafka never meet. */
    static Map<String, String> clusterEnv(String bootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put("PARKOPS_KAFKA_BOOTSTRAP", bootstrap);
        env.put("PARKOPS_KAFKA_TOPIC_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        env.put("PARKOPS_KAFKA_PARTITIONS", "3");
        return env;
    }

    @Test
    void readingsAcknowledgedByKafkaReachInfluxAndTheTwin(InfluxServer influx, KafkaServer kafka, @TempDir Path dir) throws Exception {
        Map<String, String> env = clusterEnv(kafka.bootstrap());
        long base = System.currentTimeMillis() - 60_000;
        try (TestPlatform p = TestPlatform.start(influx, dir, null, env)) {
            for (int i = 0; i < READINGS; i++) {
                ExternalCommand.Result sent = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001",
                        "{\"ts\":" + (base + i) + ",\"co2\":" + (400 + i) + "}");
                assertThat(sent.exitCode()).as("PUBACK for reading " + i + ": " + sent.output()).isZero();
            }

            ExternalCommand.Result coaps = DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0002", "{\"co2\":777}");
            assertThat(coaps.exitCode()).as(coaps.output()).isZero();
            assertThat(coaps.output()).as("CoAPS answer").doesNotContain("5.03");

            List<List<Object>> rows = Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                    "SELECT co2, building, zone FROM environment WHERE thing = 'nanan:iaq-0001'"), r -> r.size() >= READINGS,
                    "every reading in InfluxDB");
            Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0002'"),
                    r -> r.size() == 1 && ((Number) r.get(0).get(1)).intValue() == 777, "the CoAPS reading in InfluxDB");
            assertThat(rows.stream().map(r -> ((Number) r.get(1)).intValue()).collect(Collectors.toSet()))
                    .isEqualTo(IntStream.range(400, 400 + READINGS).boxed().collect(Collectors.toSet()));
            assertThat(rows).allSatisfy(r -> assertThat(r.subList(2, 4)).containsExactly("b1", "3-east"));
            TelemetryEndToEndTest.twinOnceCo2Is(p, 400 + READINGS - 1);

            assertThat(p.platform.localInfluxWriter().offeredPoints()).as("points the node's own writer took (alerts only)").isZero();
            assertThat(p.counter("parkops.influx.points.written")).as("points the writer group wrote").isGreaterThanOrEqualTo(READINGS);
            assertThat(telemetryRecords(kafka.bootstrap(), env.get("PARKOPS_KAFKA_TOPIC_PREFIX") + "telemetry"))
                    .as("the topic holds every reading, keyed by thing id").hasSize(READINGS + 1)
                    .extracting(ConsumerRecord::key).containsOnly("nanan:iaq-0001", "nanan:iaq-0002");
        }
    }

    /**
     * With one cleared alert kept ({@code PARKOPS_ALERTS_KEEP_CLEARED=1}), the two older ones of three
     * are forgotten, and the alerts topic forgets them too: a tombstone after each, so compaction
     * drops them instead of keeping one record per alert ever raised.
     */
    @Test
    void clearedAlertsBeyondTheKeptOnesAreTombstonedInTheAlertsTopic(InfluxServer influx, KafkaServer kafka, @TempDir Path dir)
            throws Exception {
        Map<String, String> env = clusterEnv(kafka.bootstrap());
        env.put("PARKOPS_ALERTS_KEEP_CLEARED", "1");
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules").resolve("too-hot.json"), """
                {"id": "too-hot", "deviceType": "iaq-sensor", "message": "above 40 degrees",
                 "levels": [{"severity": "major", "raise": {"property": "environment.temperature", "above": 40},
                             "clear": {"property": "environment.temperature", "below": 30}}]}
                """);
        String topic = env.get("PARKOPS_KAFKA_TOPIC_PREFIX") + "alerts";
        try (TestPlatform p = TestPlatform.start(influx, dir, null, env)) {
            for (int round = 1; round <= 3; round++) {
                for (int temperature : new int[] {45, 20}) {
                    assertThat(DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001",
                            "{\"temperature\":" + temperature + "}").exitCode()).isZero();
                    long active = temperature > 40 ? 1 : 0;
                    Eventually.await(WAIT, () -> new JsonArray(p.get("/api/alerts?tenant=nanan&state=ACTIVE").body()).stream()
                            .filter(a -> "too-hot".equals(((JsonObject) a).getString("ruleId"))).count(),
                            n -> n == active, "round " + round + ": " + (active == 1 ? "raised" : "cleared"));
                }
            }
            Map<String, String> lastOfEach = Eventually.await(WAIT, () -> {
                Map<String, String> last = new HashMap<>();
                for (ConsumerRecord<String, String> r : telemetryRecords(kafka.bootstrap(), topic)) {
                    if (r.value() == null || r.value().contains("\"too-hot\"")) {
                        last.put(r.key(), r.value());
                    }
                }
                return last;
            }, last -> last.values().stream().filter(v -> v == null).count() == 2, "two tombstones in " + topic);
            assertThat(lastOfEach).as("three alerts: two forgotten, the newest kept").hasSize(3);
            assertThat(lastOfEach.values().stream().filter(v -> v != null).toList()).singleElement().asString().contains("CLEARED");
            assertThat(new JsonArray(p.get("/api/alerts?tenant=nanan&state=CLEARED").body()).stream()
                    .filter(a -> "too-hot".equals(((JsonObject) a).getString("ruleId")))).as("the node lists the one it keeps").hasSize(1);
        }
    }

    /**
     * Kafka killed under a running node: an MQTT 5 device gets PUBACK 0x80 and a CoAPS device 5.03
     * instead of an acknowledgement, and neither reading is stored; with Kafka back the node takes
     * readings again by itself.
     */
    @Test
    void withKafkaAwayDevicesAreRefusedNotAcknowledged(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            Map<String, String> env = clusterEnv(kafka.bootstrap());
            env.put("PARKOPS_KAFKA_ACK_TIMEOUT_MS", "3000");
            try (TestPlatform p = TestPlatform.start(influx, dir.resolve("node"), null, env)) {
                Mqtt5AsyncClient device = mqtt5Device(p);
                assertThat(publish(device, 401)).as("while Kafka runs").isEqualTo(ACKNOWLEDGED);

                kafka.kill();
                assertThat(publish(device, 402)).as("PUBACK while Kafka is away").isEqualTo(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR.name());
                ExternalCommand.Result coap = DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0002", "{\"co2\":403}");
                assertThat(coap.output()).as("CoAPS answer while Kafka is away").contains("5.03");
                assertThat(p.get("/health").body()).as("/health while Kafka is away").contains("\"kafka\"")
                        .contains("Kafka does not take telemetry");
                assertThat(p.counter("parkops.kafka.produce.failures")).as("produce failures counted").isGreaterThanOrEqualTo(2);

                kafka.restart();
                Eventually.await(Duration.ofSeconds(60), () -> publish(device, 404), ACKNOWLEDGED::equals,
                        "a reading acknowledged once Kafka is back");
                List<List<Object>> rows = Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                        "SELECT co2 FROM environment WHERE co2 = 404"), r -> !r.isEmpty(), "the reading after the outage in InfluxDB");
                assertThat(rows).isNotEmpty();
                Set<Integer> stored = influx.rows(p.influxDb, "SELECT co2 FROM environment").stream()
                        .map(r -> ((Number) r.get(1)).intValue()).collect(Collectors.toSet());
                assertThat(stored).as("what was stored").contains(401, 404).doesNotContain(402, 403);
                assertThat(p.get("/health").body()).as("/health once Kafka is back").doesNotContain("Kafka does not take telemetry");
                device.disconnect().get(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Mqtt5AsyncClient mqtt5Device(TestPlatform p) throws Exception {
        Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("iaq-0001@nanan").serverHost("127.0.0.1")
                .serverPort(p.platform.mqttPort()).simpleAuth().username("iaq-0001@nanan")
                .password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
        device.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        return device;
    }

    /** Publishes co2 = {@code co2} at QoS 1 and returns {@link #ACKNOWLEDGED} or the PUBACK's reason code. */
    private static String publish(Mqtt5AsyncClient device, int co2) throws Exception {
        Throwable error;
        try {
            error = device.publishWith().topic("telemetry/nanan/iaq-0001").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"co2\":" + co2 + "}").getBytes(StandardCharsets.UTF_8)).send()
                    .get(30, TimeUnit.SECONDS).getError().orElse(null);
        } catch (ExecutionException e) {
            error = e.getCause();
        }
        if (error == null) {
            return ACKNOWLEDGED;
        }
        return error instanceof Mqtt5PubAckException refused ? refused.getMqttMessage().getReasonCode().name() : error.toString();
    }

    /** Every record of {@code topic}, read from the start by a consumer of no group. */
    static List<ConsumerRecord<String, String>> telemetryRecords(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
