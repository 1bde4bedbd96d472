package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.cluster.ThingPartitions;
import io.parkops.model.ThingId;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.client.DittoClient;
import org.eclipse.ditto.client.changes.ThingChange;
import org.eclipse.ditto.json.JsonPointer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules in a cluster: each partition's things have their rules run by one node (the rule
 * owners' group), every alert is listed and streamed by every node once, an acknowledgement made on
 * any node reaches the owner, and when the owner is killed with {@code kill -9} the survivor resumes
 * a running {@code for} duration from the memory the dead node wrote to Kafka.
 */
@ExtendWith(RealServices.class)
@Timeout(240)
class ClusterRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern OWNED = Pattern.compile("runs the rules of partitions \\[([0-9, ]*)]");
    private static final String TOKEN = "cluster-rules-admin";
    private static final int AFTER_THE_KILL = 1501;
    private static final JsonPointer CO2 = JsonPointer.of("/features/environment/properties/co2");

    @TempDir
    Path dir;

    @Test
    void anAlertRaisedFromNodeBIsListedStreamedAndAcknowledgedOnNodeA(InfluxServer influx, KafkaServer kafka) throws Exception {
        Map<String, String> cluster = ClusterModeTest.clusterEnv(kafka.bootstrap());
        try (TestPlatform a = TestPlatform.start(influx, dir.resolve("a"), null, cluster);
             TestPlatform b = TestPlatform.start(influx, dir.resolve("b"), null, cluster)) {
            Eventually.await(WAIT, () -> List.of(owned(a.get("/health").body()), owned(b.get("/health").body())),
                    both -> !both.get(0).isEmpty() && !both.get(1).isEmpty() && union(both.get(0), both.get(1)).equals(Set.of(0, 1, 2)),
                    "every partition's rules owned by one of the two nodes, and each node owning some");
            Set<Integer> ownedByA = owned(a.get("/health").body());
            Set<Integer> ownedByB = owned(b.get("/health").body());
            assertThat(ownedByA).as("node A's partitions").isNotEmpty().doesNotContainAnyElementsOf(ownedByB);
            assertThat(ownedByB).as("node B's partitions").isNotEmpty();

            try (EventStreamReader streamA = EventStreamReader.open(a, "/api/alerts/stream", TestPlatform.ADMIN_TOKEN);
                 EventStreamReader streamB = EventStreamReader.open(b, "/api/alerts/stream", TestPlatform.ADMIN_TOKEN)) {
                assertThat(DeviceClients.mosquittoPub("127.0.0.1", b.platform.mqttPort(), "nanan", "iaq-0002", "{\"co2\":2600}")
                        .exitCode()).isZero();

                JsonObject raised = Eventually.await(WAIT, () -> new JsonArray(a.get("/api/alerts?state=ACTIVE&tenant=nanan").body()),
                        list -> !list.isEmpty(), "the CO2 alert listed by node A").getJsonObject(0);
                String id = raised.getString("id");
                assertThat(raised.getString("thingId")).isEqualTo("nanan:iaq-0002");
                streamA.next(WAIT, line -> line.startsWith("data:") && line.contains(id) && line.contains("ACTIVE_UNACK"));
                Eventually.await(WAIT, () -> a.get("/api/2/things/nanan:iaq-0002/features/environment/properties/co2").body(),
                        body -> body.equals("2600") || body.equals("2600.0"), "node A's twin of the device that published to node B");
                streamB.next(WAIT, line -> line.startsWith("data:") && line.contains(id) && line.contains("ACTIVE_UNACK"));

                // acknowledged on the node that does not run the thing's rules: it goes to the owner and back
                int partition = new ThingPartitions(3).of(ThingId.parseDitto("nanan:iaq-0002"));
                TestPlatform elsewhere = ownedByA.contains(partition) ? b : a;
                var ack = elsewhere.send("POST", "/api/alerts/" + id + "/ack", "{\"note\": \"on my way\"}", TestPlatform.ADMIN_TOKEN);
                assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
                assertThat(new JsonObject(ack.body()).getString("state")).isEqualTo("ACTIVE_ACK");
                assertThat(new JsonObject(ack.body()).getString("ackNote")).isEqualTo("on my way");
                // the air is better, reported to node A: the owner de-escalates it to the warning, which clears after 2 min
                assertThat(DeviceClients.mosquittoPub("127.0.0.1", a.platform.mqttPort(), "nanan", "iaq-0002", "{\"co2\":600}")
                        .exitCode()).isZero();
                for (TestPlatform node : List.of(a, b)) {
                    Eventually.await(WAIT, () -> new JsonObject(node.get("/api/alerts/" + id).body()).getString("severity"),
                            "warning"::equals, "the de-escalation on both nodes");
                }
                var clear = elsewhere.send("POST", "/api/alerts/" + id + "/clear", "{\"note\": \"aired\"}", TestPlatform.ADMIN_TOKEN);
                assertThat(clear.statusCode()).as(clear.body()).isEqualTo(200);
                assertThat(new JsonObject(clear.body()).getString("state")).isEqualTo("CLEARED_ACK");

                for (TestPlatform node : List.of(a, b)) {
                    Eventually.await(WAIT, () -> new JsonObject(node.get("/api/alerts/" + id).body()).getString("state"),
                            "CLEARED_ACK"::equals, "the clear on both nodes");
                }
                for (EventStreamReader stream : List.of(streamA, streamB)) {
                    stream.next(WAIT, line -> line.startsWith("data:") && line.contains(id) && line.contains("CLEARED_ACK"));
                    assertThat(stream.seen().stream().filter(line -> line.startsWith("data:") && line.contains(id)))
                            .as("each transition streamed once by each node").hasSize(4);
                }
                assertThat(new JsonArray(a.get("/api/alerts?tenant=nanan").body())).as("one alert, not one per node").hasSize(1);
            }
        }
    }

    @Test
    void aForDurationStartedBeforeTheOwnerIsKilledFiresOnceOnTimeOnTheSurvivor(InfluxServer influx, KafkaServer kafka) throws Exception {
        Map<String, String> cluster = ClusterModeTest.clusterEnv(kafka.bootstrap());
        String db = influx.freshDatabase();
        int[] http = {FreePort.tcp(), FreePort.tcp()};
        int[] mqtt = {FreePort.tcp(), FreePort.tcp()};
        ChildPlatform[] nodes = new ChildPlatform[2];
        try {
            for (int i = 0; i < 2; i++) {
                nodes[i] = ChildPlatform.start(node(dir.resolve("n" + i), http[i], mqtt[i], influx.url(), db, cluster),
                        http[i], dir.resolve("n" + i + ".log"));
            }
            Eventually.await(WAIT, () -> union(owned(nodes[0].get("/health", null).body()), owned(nodes[1].get("/health", null).body())),
                    all -> all.equals(Set.of(0, 1, 2)), "every partition owned");
            int partition = new ThingPartitions(3).of(ThingId.parseDitto("nanan:iaq-0001"));
            int owner = owned(nodes[0].get("/health", null).body()).contains(partition) ? 0 : 1;
            int survivor = 1 - owner;

            DittoClient ditto = DittoClientEndToEndTest.connect(http[survivor], TOKEN); // an application on the survivor
            BlockingQueue<ThingChange> changes = new LinkedBlockingQueue<>();
            ditto.twin().startConsumption().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ditto.twin().registerForThingChanges("co2", changes::add);

            long started = System.currentTimeMillis();
            publish(mqtt[owner], 1500);
            Thread.sleep(6_000); // the owner has written the running duration to Kafka on its ticks
            publish(mqtt[owner], 1500);
            nodes[owner].kill();
            // one reading while nobody owns the partition (the group waits out the dead owner's session):
            // the next owner evaluates it when it takes over, or a leak or heat alarm sent once would be lost
            assertThat(DeviceClients.mosquittoPub("127.0.0.1", mqtt[survivor], "nanan", "iaq-0001", "{\"temperature\":45}").exitCode())
                    .as("PUBACK from the survivor").isZero();
            long deadline = started + 60_000;
            JsonArray alerts = new JsonArray();
            while (System.currentTimeMillis() < deadline && alerts.isEmpty()) { // the device goes on, to the survivor
                publish(mqtt[survivor], AFTER_THE_KILL);
                alerts = co2Soon(nodes[survivor]);
                Thread.sleep(1000);
            }
            assertThat(alerts).as("the co2-soon alert on the survivor").hasSize(1);
            JsonObject alert = alerts.getJsonObject(0);
            long firedAfter = Instant.parse(alert.getString("raisedAt")).toEpochMilli() - started;
            // 20 s from the first reading, not 20 s from the survivor's first reading after the takeover (6 s + 6 s later)
            assertThat(firedAfter).as("raised after the first high reading (ms)").isBetween(19_000L, 25_000L);
            Thread.sleep(3000);
            assertThat(co2Soon(nodes[survivor])).as("raised once").hasSize(1);
            assertThat(alerts(nodes[survivor], "too-hot")).as("the reading sent while nobody owned its partition, evaluated once")
                    .hasSize(1);
            assertThat(owned(nodes[survivor].get("/health", null).body())).as("the survivor owns every partition")
                    .isEqualTo(Set.of(0, 1, 2));
            assertThat(changes.stream().filter(c -> c.getEntityId().toString().equals("nanan:iaq-0001"))
                    .map(c -> c.getValue().flatMap(v -> v.isObject() ? v.asObject().getValue(CO2) : java.util.Optional.empty()))
                    .flatMap(java.util.Optional::stream).map(v -> v.asInt()))
                    .as("the Ditto client on the survivor saw the readings before and after the kill").contains(1500, AFTER_THE_KILL);
            ditto.destroy();
        } finally {
            for (ChildPlatform node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
        }
    }

    private static JsonArray co2Soon(ChildPlatform node) throws Exception {
        return alerts(node, "co2-soon");
    }

    private static JsonArray alerts(ChildPlatform node, String rule) throws Exception {
        JsonArray all = new JsonArray(node.get("/api/alerts?tenant=nanan", TOKEN).body());
        return new JsonArray(all.stream().filter(a -> rule.equals(((JsonObject) a).getString("ruleId"))).toList());
    }

    private static void publish(int mqttPort, int co2) {
        assertThat(DeviceClients.mosquittoPub("127.0.0.1", mqttPort, "nanan", "iaq-0001", "{\"co2\":" + co2 + "}").exitCode())
                .as("PUBACK on port " + mqttPort).isZero();
    }

    /** A child node with a CO2 rule whose 20 s duration is long enough to kill its owner in the middle. */
    private Map<String, String> node(Path nodeDir, int httpPort, int mqttPort, String influxUrl, String db,
                                     Map<String, String> cluster) throws Exception {
        Map<String, String> env = new HashMap<>(ChildPlatform.env(nodeDir, httpPort, influxUrl, db, TOKEN));
        env.put("PARKOPS_MQTT_PORT", String.valueOf(mqttPort));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        env.putAll(cluster);
        Path rules = Path.of(env.get("PARKOPS_DATA_DIR")).resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("co2-soon.json"), """
                {"id": "co2-soon", "deviceType": "iaq-sensor", "message": "CO2 above 1200 ppm for 20 s",
                 "levels": [{"severity": "warning", "raise": {"property": "environment.co2", "above": 1200, "for": "20s"},
                             "clear": {"property": "environment.co2", "below": 900}}]}
                """);
        Files.writeString(rules.resolve("too-hot.json"), """
                {"id": "too-hot", "deviceType": "iaq-sensor", "message": "above 40 degrees",
                 "levels": [{"severity": "major", "raise": {"property": "environment.temperature", "above": 40},
                             "clear": {"property": "environment.temperature", "below": 30}}]}
                """);
        return env;
    }

    /** The partitions a node's {@code /health} says it runs the rules of. */
    static Set<Integer> owned(String health) {
        for (Object check : new JsonObject(health).getJsonArray("checks")) {
            JsonObject c = (JsonObject) check;
            if ("kafka".equals(c.getString("id")) && c.getString("reason") != null) {
                Matcher m = OWNED.matcher(c.getString("reason"));
                if (m.find()) {
                    Set<Integer> parts = new TreeSet<>();
                    for (String p : m.group(1).split(",\\s*")) {
                        if (!p.isBlank()) {
                            parts.add(Integer.parseInt(p.trim()));
                        }
                    }
                    return parts;
                }
            }
        }
        return Set.of();
    }

    private static Set<Integer> union(Set<Integer> x, Set<Integer> y) {
        Set<Integer> all = new TreeSet<>(x);
        all.addAll(y);
        return all;
    }
}
