package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.parkops.testing.TcpProxy;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * What an operator watches on a cluster node, against a real Kafka and a real InfluxDB that is away
 * at first: {@code /metrics} carries the produce latency histogram and the consumers' lag per
 * partition, the InfluxDB writer group's lag grows while InfluxDB is away (devices still
 * acknowledged by Kafka) and drains once it is back; {@code /health} names the node and the
 * partitions it holds with their lag; the dashboard's footer names the node in Chromium. Two
 * nodes split the writer group's partitions between them.
 */
@ExtendWith(RealServices.class)
@Timeout(240)
class ClusterMetricsTest {

    private static final int READINGS = 12;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LAG = Pattern.compile(
            "^parkops_kafka_consumer_lag\\{consumer=\"([a-z-]+)\",partition=\"(\\d+)\"} ([0-9.E+-]+)$", Pattern.MULTILINE);

    @Test
    void writerLagGrowsWhileInfluxIsAwayAndDrainsAfter(InfluxServer influx, KafkaServer kafka, @TempDir Path dir) throws Exception {
        int influxPort = FreePort.tcp(); // nothing listens here until the relay to the real InfluxDB opens
        Map<String, String> env = ClusterModeTest.clusterEnv(kafka.bootstrap());
        env.put("PARKOPS_NODE_ID", "node-a");
        env.put("PARKOPS_INFLUX_URL", "http://127.0.0.1:" + influxPort);
        try (TestPlatform p = TestPlatform.start(influx, dir.resolve("node"), null, env)) {
            long base = System.currentTimeMillis() - 60_000;
            for (int i = 0; i < READINGS; i++) {
                ExternalCommand.Result sent = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001",
                        "{\"ts\":" + (base + i) + ",\"co2\":" + (500 + i) + "}");
                assertThat(sent.exitCode()).as("PUBACK from Kafka while InfluxDB is away: " + sent.output()).isZero();
            }

            String metrics = Eventually.await(WAIT, () -> p.get("/metrics").body(),
                    m -> lag(m, "influx-writer") >= READINGS && lag(m, "node-feed") == 0, "writer lag at " + READINGS + ", feed caught up");
            assertThat(partitions(metrics, "influx-writer")).as("writer partitions on the one node").containsExactlyInAnyOrder("0", "1", "2");
            assertThat(partitions(metrics, "node-feed")).containsExactlyInAnyOrder("0", "1", "2");
            assertThat(value(metrics, "parkops_kafka_produce_seconds_count")).as("acknowledgements timed").isGreaterThanOrEqualTo(READINGS);
            assertThat(metrics).contains("parkops_kafka_produce_seconds_bucket{le=");
            assertThat(value(metrics, "parkops_kafka_produce_failures_total")).isZero();
            assertThat(value(metrics, "parkops_kafka_partitions_held")).isEqualTo(3);

            JsonObject health = new JsonObject(p.get("/health").body());
            assertThat(health.getString("node")).isEqualTo("node-a");
            JsonObject kafkaCheck = check(health, "kafka");
            assertThat(kafkaCheck.getString("status")).isEqualTo("UP");
            JsonObject details = kafkaCheck.getJsonObject("details");
            assertThat(details.getJsonArray("influxWriterPartitions").getList()).containsExactly(0, 1, 2);
            long healthLag = details.getJsonObject("influxWriterLag").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
            assertThat(healthLag).as("writer lag in /health").isGreaterThanOrEqualTo(READINGS);
            assertThat(new JsonObject(p.get("/ready").body()).getString("node")).isEqualTo("node-a");

            URI target = URI.create(influx.url());
            try (TcpProxy relay = TcpProxy.open(influxPort, target.getHost(), target.getPort())) {
                Eventually.await(WAIT, () -> lag(p.get("/metrics").body(), "influx-writer"), lag -> lag == 0, "writer lag drained");
                assertThat(influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'")).hasSize(READINGS);
                JsonObject after = check(new JsonObject(p.get("/health").body()), "kafka").getJsonObject("details");
                assertThat(after.getJsonObject("influxWriterLag").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum())
                        .as("writer lag in /health after the outage").isZero();
            }

            try (Browser browser = new Browser(dir.resolve("profile"), 1280, 900)) {
                browser.signIn(p, TestPlatform.ADMIN_TOKEN, "devices");
                browser.awaitText(By.id("node"), "node node-a");
                assertThat(browser.consoleErrors()).isEmpty();
            }
        }
    }

    /**
     * Two nodes share the writer group's partitions: each names in {@code /health} and
     * {@code /metrics} only the partitions it holds, together all of them, while each node's feed
     * reads every partition; a node stopped cleanly leaves its partitions to the other at once.
     */
    @Test
    void eachNodeReportsThePartitionsItHolds(InfluxServer influx, KafkaServer kafka, @TempDir Path dir) throws Exception {
        Map<String, String> cluster = ClusterModeTest.clusterEnv(kafka.bootstrap());
        cluster.put("PARKOPS_KAFKA_PARTITIONS", "4");
        Map<String, String> envA = new HashMap<>(cluster);
        envA.put("PARKOPS_NODE_ID", "node-a");
        Map<String, String> envB = new HashMap<>(cluster);
        envB.put("PARKOPS_NODE_ID", "node-b");
        try (TestPlatform a = TestPlatform.start(influx, dir.resolve("a"), null, envA)) {
            List<Integer> heldByB;
            List<Integer> heldByA;
            try (TestPlatform b = TestPlatform.start(influx, dir.resolve("b"), null, envB)) {
                heldByB = Eventually.await(WAIT, () -> held(b), h -> !h.isEmpty() && h.size() < 4, "node B holds some partitions");
                heldByA = Eventually.await(WAIT, () -> held(a), h -> h.size() + heldByB.size() == 4, "node A holds the rest");
                assertThat(heldByA).doesNotContainAnyElementsOf(heldByB);
                assertThat(new JsonObject(b.get("/health").body()).getString("node")).isEqualTo("node-b");
                String metricsB = Eventually.await(WAIT, () -> b.get("/metrics").body(),
                        m -> partitions(m, "influx-writer").size() == heldByB.size(), "node B's writer lag series");
                assertThat(partitions(metricsB, "influx-writer")).as("writer lag series of node B")
                        .containsExactlyInAnyOrderElementsOf(heldByB.stream().map(String::valueOf).toList());
                assertThat(partitions(metricsB, "node-feed")).as("node B's feed reads every partition")
                        .containsExactlyInAnyOrder("0", "1", "2", "3");
                assertThat(value(metricsB, "parkops_kafka_partitions_held")).isEqualTo(heldByB.size());
            }
            assertThat(Eventually.await(Duration.ofSeconds(30), () -> held(a), h -> h.size() == 4,
                    "node A holds every partition once node B stopped")).containsExactly(0, 1, 2, 3);
        }
    }

    /** The writer partitions a node names in its {@code /health}. */
    private static List<Integer> held(TestPlatform p) throws Exception {
        JsonObject details = check(new JsonObject(p.get("/health").body()), "kafka").getJsonObject("details");
        return details.getJsonArray("influxWriterPartitions").stream().map(n -> ((Number) n).intValue()).toList();
    }

    /** The sum of {@code consumer}'s lag over its partitions in a scrape. */
    private static long lag(String metrics, String consumer) {
        long sum = 0;
        Matcher m = LAG.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(consumer)) {
                sum += (long) Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    private static List<String> partitions(String metrics, String consumer) {
        return LAG.matcher(metrics).results().filter(r -> r.group(1).equals(consumer)).map(r -> r.group(2)).toList();
    }

    /** The value of an untagged series, or -1 when the scrape has none. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static JsonObject check(JsonObject health, String id) {
        return health.getJsonArray("checks").stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " check in " + health.encode()));
    }
}
