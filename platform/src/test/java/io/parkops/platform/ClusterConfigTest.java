package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaProcess;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration shared through Kafka's compacted config topic: what is changed through node A's API
 * works on node C within a second (a device type, a device with its password on C's broker, a rule
 * raising on data entering C, a token, a site, a maintenance window), a token changed on C has its
 * new sites on A, a token deleted on C stops working on A, and a node started later (B) gets everything, deletions included, and its own
 * changes reach the others. Three in-process nodes on one Kafka and one InfluxDB database, each
 * with its own data dir.
 */
@ExtendWith(RealServices.class)
@Timeout(240)
class ClusterConfigTest {

    /** A change on one node holds on the others within well under a second here; five for a busy machine (CI). */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final String PASSWORD = "deep-roots-7";
    private static final String TYPE = """
            {"id": "soil-probe", "version": "1.0.0", "reportingIntervalSeconds": 600,
             "features": {"soil": {"properties": {"moisture": {"type": "number", "unit": "%", "minimum": 0, "maximum": 100}}}}}
            """;
    private static final String RULE = """
            {"id": "soil-dry", "deviceType": "soil-probe", "feature": "soil", "property": "moisture",
             "operator": "below", "threshold": 10, "severity": "major", "message": "soil too dry"}
            """;
    private static final List<String> SHARED_PATHS = List.of("/api/device-types/soil-probe", "/api/devices/nanan/soil-0001",
            "/api/rules/soil-dry", "/api/sites/kaifa");
    private static final String GARDEN_WORK = """
            {"windows": [{"id": "garden-work", "tenant": "nanan", "things": ["soil-0001"], "from": "%s", "to": "%s"}]}
            """;
    private static final String DEVICE = """
            {"tenant": "nanan", "deviceId": "soil-0001", "type": "soil-probe", "attributes": {"building": "b1", "zone": "garden"},
             "credentials": {"password": "%s", "psk": "soil-0001-key"}}
            """.formatted(PASSWORD);

    @Test
    void whatNodeAChangesWorksOnNodeCWithinASecondAndOnANodeStartedLater(InfluxServer influx, KafkaServer kafka,
                                                                          @TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(ClusterModeTest.clusterEnv(kafka.bootstrap()));
        env.put("PARKOPS_INFLUX_DB", influx.freshDatabase()); // one cluster, one database
        String deletedToken;
        String laterToken;
        try (TestPlatform a = TestPlatform.start(influx, dir.resolve("a"), null, env);
             TestPlatform c = TestPlatform.start(influx, dir.resolve("c"), null, env)) {
            assertThat(TypesHttp.put(a, "/api/device-types/soil-probe", "application/json", TYPE).statusCode()).isEqualTo(201);
            assertThat(a.post("/api/devices", DEVICE).statusCode()).isEqualTo(201);
            HttpResponse<String> rule = TypesHttp.put(a, "/api/rules/soil-dry", "application/json", RULE);
            assertThat(rule.statusCode()).as(rule.body()).isEqualTo(200);
            assertThat(TypesHttp.put(a, "/api/sites/kaifa", "application/json",
                    "{\"name\": \"Kaifa Park\", \"areaM2\": 120000, \"timeZone\": \"Asia/Shanghai\"}").statusCode()).isEqualTo(201);
            deletedToken = a.newToken("night-shift", "operator");
            String window = GARDEN_WORK.formatted(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
            Files.writeString(dir.resolve("a/maintenance.json"), window);

            Eventually.await(PROMPTLY, () -> c.get("/api/session", deletedToken).statusCode(), s -> s == 200,
                    "node A's token signing in on node C");
            for (String path : SHARED_PATHS) {
                Eventually.await(PROMPTLY, () -> c.get(path).statusCode(), s -> s == 200, path + " on node C");
            }
            assertThat(new JsonArray(c.get("/api/sites").body())).extracting(s -> ((JsonObject) s).getString("id")).contains("kaifa");
            Eventually.await(Duration.ofSeconds(3), () -> read(dir.resolve("c/maintenance.json")), window::equals,
                    "the maintenance window edited on node A in node C's file");

            assertThat(publish(c, "nanan", PASSWORD, 42).exitCode()).as("the device on node C's broker, password set on A").isZero();
            assertThat(publish(c, "nanan", "not-" + PASSWORD, 43).exitCode()).as("a wrong password on node C").isNotZero();
            ExternalCommand.Result coaps = DeviceClients.coapsPost(c.platform.coapsPort(), "soil-0001@nanan", "soil-0001-key",
                    "/telemetry", "{\"moisture\": 44}");
            assertThat(coaps.exitCode()).as(coaps.output()).isZero();
            assertThat(coaps.output()).as("CoAPS on node C with the PSK set on A").doesNotContain("4.01").doesNotContain("5.03");
            assertThat(publish(c, "nanan", PASSWORD, 5).exitCode()).isZero();
            JsonArray alerts = Eventually.await(Duration.ofSeconds(10), () -> new JsonArray(c.get("/api/alerts").body()),
                    list -> list.stream().anyMatch(x -> "soil-dry".equals(((JsonObject) x).getString("ruleId"))),
                    "node A's rule raising on data entering node C");
            assertThat(alerts.stream().map(JsonObject.class::cast).filter(x -> "soil-dry".equals(x.getString("ruleId"))))
                    .allSatisfy(x -> assertThat(x.getString("thingId")).isEqualTo("nanan:soil-0001"))
                    .allSatisfy(x -> assertThat(x.getString("suppressedBy")).as("held back by the window shared from A")
                            .isEqualTo("maintenance:garden-work"));

            assertThat(c.send("DELETE", "/api/tokens/night-shift", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
            Eventually.await(PROMPTLY, () -> a.get("/api/session", deletedToken).statusCode(), s -> s == 401,
                    "the token deleted on C refused on A");
            assertThat(c.get("/api/session", deletedToken).statusCode()).isEqualTo(401);
            laterToken = a.newToken("day-shift", "viewer", "nanan");
            HttpResponse<String> moved = c.send("PUT", "/api/tokens/day-shift", "{\"role\":\"viewer\",\"sites\":[\"kaifa\"]}",
                    TestPlatform.ADMIN_TOKEN);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            String dayShift = laterToken;
            Eventually.await(PROMPTLY, () -> new JsonObject(a.get("/api/session", dayShift).body()).getJsonArray("sites"),
                    sites -> sites != null && sites.contains("kaifa"), "the token's sites changed on C, the same secret on A");

            try (TestPlatform b = TestPlatform.start(influx, dir.resolve("b"), null, env)) {
                HttpResponse<String> session = b.get("/api/session", laterToken);
                assertThat(session.statusCode()).as("a token made before node B started").isEqualTo(200);
                assertThat(new JsonObject(session.body()).getJsonArray("sites")).as("as changed on C").containsExactly("kaifa");
                assertThat(b.get("/api/session", deletedToken).statusCode()).as("a token deleted before B started").isEqualTo(401);
                for (String path : SHARED_PATHS) {
                    assertThat(b.get(path).statusCode()).as(path + " on node B at start").isEqualTo(200);
                }
                assertThat(publish(b, "nanan", PASSWORD, 41).exitCode()).as("the device on node B's broker").isZero();
                assertThat(read(dir.resolve("b/maintenance.json"))).as("node B's maintenance windows").isEqualTo(window);
                assertThat(new JsonArray(a.get("/api/alerts").body()).stream().map(JsonObject.class::cast)
                        .filter(x -> "soil-dry".equals(x.getString("ruleId")))).as("the alert from data entering C, listed by A").hasSize(1);

                // three nodes, devices on different ones and protocols: every node answers for every twin
                assertThat(DeviceClients.mosquittoPub("127.0.0.1", a.platform.mqttPort(), "nanan", "iaq-0001", "{\"co2\": 611}")
                        .exitCode()).as("mosquitto_pub to node A").isZero();
                ExternalCommand.Result toB = DeviceClients.coapsPostAs(b.platform.coapsPort(), "nanan", "iaq-0002", "{\"co2\": 622}");
                assertThat(toB.output()).as("coap-client-openssl to node B").doesNotContain("4.0").doesNotContain("5.0");
                for (TestPlatform node : List.of(a, b, c)) {
                    for (Map.Entry<String, Double> twin : Map.of("iaq-0001/features/environment/properties/co2", 611.0,
                            "iaq-0002/features/environment/properties/co2", 622.0,
                            "soil-0001/features/soil/properties/moisture", 41.0).entrySet()) {
                        Eventually.await(Duration.ofSeconds(5), () -> node.get("/api/2/things/nanan:" + twin.getKey()).body(),
                                body -> body.matches("[0-9.]+") && Double.parseDouble(body) == twin.getValue(),
                                "nanan:" + twin.getKey() + " on every node");
                    }
                }

                assertThat(b.send("DELETE", "/api/sites/kaifa", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
                for (TestPlatform other : List.of(a, c)) {
                    Eventually.await(PROMPTLY, () -> other.get("/api/sites/kaifa").statusCode(), s -> s == 404,
                            "the site deleted on B gone on the others");
                }
            }
        }

        List<ConsumerRecord<String, String>> records = ClusterModeTest.telemetryRecords(kafka.bootstrap(),
                env.get("PARKOPS_KAFKA_TOPIC_PREFIX") + "config");
        assertThat(records).extracting(ConsumerRecord::key).contains("type/soil-probe", "device/nanan:soil-0001", "rule/soil-dry",
                "site/kaifa", "token/night-shift", "token/day-shift");
        assertThat(records).as("no clear password or token in Kafka").noneMatch(r -> r.value() != null
                && (r.value().contains(PASSWORD) || r.value().contains(deletedToken) || r.value().contains(laterToken)));
        assertThat(records).filteredOn(r -> r.key().equals("device/nanan:soil-0001")).singleElement()
                .satisfies(r -> assertThat(new JsonObject(r.value()).getString("passwordHash")).startsWith("$2"));
    }

    /**
     * Kafka away: a token, a device and a rule asked of the node are refused with 503 within the
     * ack timeout (3 s here, at most 8 s on a busy machine), and the node keeps none of them.
     */
    @Test
    void withKafkaAwayAChangeIsRefusedWith503AndNotKept(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            Map<String, String> env = ClusterModeTest.clusterEnv(kafka.bootstrap());
            env.put("PARKOPS_KAFKA_ACK_TIMEOUT_MS", "3000");
            try (TestPlatform p = TestPlatform.start(influx, dir.resolve("node"), null, env)) {
                kafka.kill();
                long start = System.nanoTime();
                HttpResponse<String> token = p.post("/api/tokens", "{\"name\": \"late-shift\", \"role\": \"viewer\"}");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("3 s ack timeout (the default is 20 s), a loaded machine")
                        .isLessThan(Duration.ofSeconds(8));
                assertThat(token.statusCode()).as(token.body()).isEqualTo(503);
                assertThat(new JsonObject(token.body()).getString("error")).isEqualTo("auth:store.unavailable");
                assertThat(p.get("/api/tokens").body()).doesNotContain("late-shift");

                HttpResponse<String> device = p.post("/api/devices", DEVICE.replace("soil-probe", "iaq-sensor"));
                assertThat(device.statusCode()).as(device.body()).isEqualTo(503);
                assertThat(p.get("/api/devices/nanan/soil-0001").statusCode()).isEqualTo(404);

                HttpResponse<String> rule = TypesHttp.put(p, "/api/rules/stuffy", "application/json", """
                        {"id": "stuffy", "deviceType": "iaq-sensor", "feature": "environment", "property": "co2",
                         "operator": "above", "threshold": 1500, "severity": "warning", "message": "open a window"}
                        """);
                assertThat(rule.statusCode()).as(rule.body()).isEqualTo(503);
                assertThat(new JsonObject(rule.body()).getString("error")).isEqualTo("rules:unavailable");
                assertThat(p.get("/api/rules/stuffy").statusCode()).isEqualTo(404);
            }
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    private static ExternalCommand.Result publish(TestPlatform node, String tenant, String password, int moisture) {
        return DeviceClients.mosquittoPubAs("127.0.0.1", node.platform.mqttPort(), tenant, "soil-0001", password,
                "{\"moisture\": " + moisture + "}", 1);
    }
}
