package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platform processes on one Kafka, the promise of a cluster: node A acknowledges a device's
 * readings once Kafka has them, and cannot write InfluxDB (its address leads nowhere), so when it is
 * killed with {@code kill -9} nothing it acknowledged is in InfluxDB yet. Node B, whose InfluxDB
 * writer is a member of the same consumer group, takes A's partitions and writes every one of them.
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class ClusterKillTest {

    private static final String TOKEN = "cluster-kill-admin";
    private static final Pattern CO2 = Pattern.compile("\"co2\":([0-9.]+)");

    @TempDir
    Path dir;

    @Test
    void everyReadingNodeAAcknowledgedReachesInfluxThroughNodeB(InfluxServer influx, KafkaServer kafka) throws Exception {
        String db = influx.freshDatabase();
        Map<String, String> cluster = ClusterModeTest.clusterEnv(kafka.bootstrap());
        int httpA = FreePort.tcp();
        int mqttA = FreePort.tcp();
        Map<String, String> envA = node(dir.resolve("a"), httpA, mqttA, "http://127.0.0.1:" + FreePort.tcp(), db, cluster); // nobody there
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildPlatform nodeA = ChildPlatform.start(envA, httpA, dir.resolve("a.log"))) {
            KillWhileSpooling.Device device = KillWhileSpooling.mqtt5(mqttA, "iaq-0001", "iaq-0001@nanan",
                    TestPlatform.DEVICE_PASSWORD).connect();
            for (int i = 0; i < 200; i++) {
                device.send(i, acknowledged::add);
            }
            Eventually.await(Duration.ofSeconds(60), acknowledged::size, n -> n >= 200, "PUBACKs from node A");
            for (int i = 200; i < KillWhileSpooling.SENT; i++) { // still sending when node A dies
                device.send(i, acknowledged::add);
            }
            nodeA.kill();
        }
        Set<Integer> beforeKill = Set.copyOf(acknowledged);
        assertThat(stored(influx, db)).as("in InfluxDB when node A died: it could not write").isEmpty();

        int httpB = FreePort.tcp();
        Map<String, String> envB = node(dir.resolve("b"), httpB, FreePort.tcp(), influx.url(), db, cluster);
        try (ChildPlatform nodeB = ChildPlatform.start(envB, httpB, dir.resolve("b.log"))) {
            Set<Integer> stored = Eventually.await(Duration.ofSeconds(90), () -> stored(influx, db),
                    s -> s.containsAll(beforeKill), "every reading node A acknowledged, written by node B");
            assertThat(stored).allMatch(i -> i >= 0 && i < KillWhileSpooling.SENT);
            assertThat(beforeKill).hasSizeGreaterThanOrEqualTo(200);

            // node B never read the feed before: its twin is node A's last snapshot plus the readings after
            // A's mark, so it ends at the last reading in Kafka, not at what A managed to write before it died
            int last = ClusterModeTest.telemetryRecords(kafka.bootstrap(), cluster.get("PARKOPS_KAFKA_TOPIC_PREFIX") + "telemetry")
                    .stream().filter(r -> r.key().equals("nanan:iaq-0001")).map(r -> co2(r.value())).reduce((a, b) -> b).orElseThrow();
            Eventually.await(Duration.ofSeconds(30), () -> nodeB.get("/api/2/things/nanan:iaq-0001/features/environment/properties/co2",
                    TOKEN).body(), body -> body.matches("[0-9.]+") && (int) Double.parseDouble(body) == last,
                    "node B's twin at the last reading in Kafka (co2 " + last + ")");
        }
    }

    private static Map<String, String> node(Path dir, int httpPort, int mqttPort, String influxUrl, String db,
                                            Map<String, String> cluster) throws Exception {
        Map<String, String> env = new HashMap<>(ChildPlatform.env(dir, httpPort, influxUrl, db, TOKEN));
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        env.putAll(cluster);
        return env;
    }

    /** The co2 value of a record of the telemetry topic. */
    static int co2(String telemetryRecord) {
        Matcher m = CO2.matcher(telemetryRecord);
        assertThat(m.find()).as(telemetryRecord).isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    private static Set<Integer> stored(InfluxServer influx, String db) {
        List<List<Object>> rows = influx.rows(db, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'");
        return rows.stream().map(r -> ((Number) r.get(1)).intValue() - 400).collect(Collectors.toSet());
    }
}
