package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device type added through the API while the platform runs brings its default rules at once:
 * the rule is listed, a reading past its threshold raises an alert, and removing the type takes
 * the rule away again. No restart.
 */
@ExtendWith(RealServices.class)
@Timeout(90)
class TypeRulesHotReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String COUNTER = """
            {"id": "people-counter", "version": "1", "reportingIntervalSeconds": 60,
             "features": {"occupancy": {"properties": {"present": {"type": "number", "minimum": 0}}}},
             "rules": [{"id": "pc-crowded", "deviceType": "people-counter", "feature": "occupancy",
                        "property": "present", "operator": "above", "threshold": 400, "severity": "warning",
                        "message": "lobby crowded"}]}
            """;

    @Test
    void aTypeAddedAtRunTimeBringsItsRulesAndTakesThemAway(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null)) {
            assertThat(p.get("/api/rules/pc-crowded").statusCode()).isEqualTo(404);
            assertThat(TypesHttp.put(p, "/api/device-types/people-counter", "application/json", COUNTER).statusCode())
                    .isBetween(200, 201);
            Eventually.await(WAIT, () -> p.get("/api/rules/pc-crowded").statusCode(), s -> s == 200, "the type's rule");

            assertThat(p.post("/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"pc-1\",\"type\":\"people-counter\","
                    + "\"credentials\":{\"password\":\"" + TestPlatform.DEVICE_PASSWORD + "\"}}").statusCode()).isEqualTo(201);
            ExternalCommand.Result sent = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "pc-1",
                    "{\"present\":450}");
            assertThat(sent.exitCode()).as(sent.output()).isZero();
            JsonArray alerts = Eventually.await(WAIT,
                    () -> new JsonObject("{\"a\":" + p.get("/api/alerts?state=active").body() + "}").getJsonArray("a"),
                    a -> a.stream().anyMatch(x -> ((JsonObject) x).getString("ruleId", "").equals("pc-crowded")),
                    "the crowded alert");
            assertThat(alerts.encode()).contains("nanan:pc-1");

            assertThat(TypesHttp.delete(p, "/api/devices/nanan/pc-1").statusCode()).isEqualTo(204);
            assertThat(TypesHttp.delete(p, "/api/device-types/people-counter").statusCode()).isEqualTo(204);
            Eventually.await(WAIT, () -> p.get("/api/rules/pc-crowded").statusCode(), s -> s == 404, "the rule gone");
        }
    }
}
