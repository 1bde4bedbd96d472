package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.KafkaServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * raising on data entering C, a token, a site), a token deleted on C stops working on A, and a
 * node started later (B) gets everything, deletions included. Three in-process nodes on one
 * Kafka and one InfluxDB database, each with its own data dir.
 */
@ExtendWith(RealServices.class)
@Timeout(240)
class ClusterConfigTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final String PASSWORD = "deep-roots-7";
    private static final String TYPE = """
            {"id": "soil-probe", "version": "1.0.0", "reportingIntervalSeconds": 600,
             "features": {"soil": {"properties": {"moisture": {"type": "number", "unit": "%", "minimum": 0, "maximum": 100}}}}}
            """;
    private static final String RULE = """
            {"id": "soil-dry", "deviceType": "soil-probe", "feature": "soil", "property": "moisture",
             "operator": "below", "threshold": 10, "severity": "major", "message": "soil too dry"}
            """;
    private static final String DEVICE = """
            {"tenant": "nanan", "deviceId": "soil-0001", "type": "soil-probe", "attributes": {"building": "b1", "zone": "garden"},
             "credentials": {"password": "%s"}}
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

            Eventually.await(WITHIN_A_SECOND, () -> c.get("/api/session", deletedToken).statusCode(), s -> s == 200,
                    "node A's token signing in on node C");
            for (String path : List.of("/api/device-types/soil-probe", "/api/devices/nanan/soil-0001", "/api/rules/soil-dry",
                    "/api/sites/kaifa")) {
                Eventually.await(WITHIN_A_SECOND, () -> c.get(path).statusCode(), s -> s == 200, path + " on node C");
            }
            assertThat(new JsonArray(c.get("/api/sites").body())).extracting(s -> ((JsonObject) s).getString("id")).contains("kaifa");

            assertThat(publish(c, "nanan", PASSWORD, 42).exitCode()).as("the device on node C's broker, password set on A").isZero();
            assertThat(publish(c, "nanan", "not-" + PASSWORD, 43).exitCode()).as("a wrong password on node C").isNotZero();
            assertThat(publish(c, "nanan", PASSWORD, 5).exitCode()).isZero();
            JsonArray alerts = Eventually.await(Duration.ofSeconds(10), () -> new JsonArray(c.get("/api/alerts").body()),
                    list -> list.stream().anyMatch(x -> "soil-dry".equals(((JsonObject) x).getString("ruleId"))),
                    "node A's rule raising on data entering node C");
            assertThat(alerts.stream().map(JsonObject.class::cast).filter(x -> "soil-dry".equals(x.getString("ruleId"))))
                    .allSatisfy(x -> assertThat(x.getString("thingId")).isEqualTo("nanan:soil-0001"));

            assertThat(c.send("DELETE", "/api/tokens/night-shift", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
            Eventually.await(WITHIN_A_SECOND, () -> a.get("/api/session", deletedToken).statusCode(), s -> s == 401,
                    "the token deleted on C refused on A");
            assertThat(c.get("/api/session", deletedToken).statusCode()).isEqualTo(401);
            laterToken = a.newToken("day-shift", "viewer", "nanan");
        }

        try (TestPlatform b = TestPlatform.start(influx, dir.resolve("b"), null, env)) {
            HttpResponse<String> session = b.get("/api/session", laterToken);
            assertThat(session.statusCode()).as("a token made before node B started").isEqualTo(200);
            assertThat(new JsonObject(session.body()).getJsonArray("sites")).containsExactly("nanan");
            assertThat(b.get("/api/session", deletedToken).statusCode()).as("a token deleted before B started").isEqualTo(401);
            for (String path : List.of("/api/device-types/soil-probe", "/api/devices/nanan/soil-0001", "/api/rules/soil-dry",
                    "/api/sites/kaifa")) {
                assertThat(b.get(path).statusCode()).as(path + " on node B at start").isEqualTo(200);
            }
            assertThat(publish(b, "nanan", PASSWORD, 41).exitCode()).as("the device on node B's broker").isZero();
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

    private static ExternalCommand.Result publish(TestPlatform node, String tenant, String password, int moisture) {
        return DeviceClients.mosquittoPubAs("127.0.0.1", node.platform.mqttPort(), tenant, "soil-0001", password,
                "{\"moisture\": " + moisture + "}", 1);
    }
}
