package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** /health and /ready name every component as UP, DEGRADED or DOWN. */
@ExtendWith(RealServices.class)
@Timeout(90)
class HealthTest {

    @Test
    void everythingUpIsReady(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null)) {
            JsonObject ready = new JsonObject(Eventually.await(Duration.ofSeconds(10), () -> p.get("/ready"),
                    r -> r.statusCode() == 200 && r.body().contains("\"status\":\"UP\""), "all UP").body());
            assertThat(statusOf(ready, "mqtt")).isEqualTo("UP");
            assertThat(statusOf(ready, "coap")).isEqualTo("UP");
            assertThat(statusOf(ready, "influxdb")).isEqualTo("UP");
            assertThat(statusOf(ready, "spool")).isEqualTo("UP");
            assertThat(statusOf(ready, "twins")).isEqualTo("UP");
            assertThat(statusOf(ready, "broker")).isEqualTo("UP");
        }
    }

    @Test
    void influxAwayIsDegradedButStillReady(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null, Map.of("PARKOPS_INFLUX_URL", "http://127.0.0.1:9"))) {
            DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0001", "{\"co2\":650}");
            var r = Eventually.await(Duration.ofSeconds(20), () -> p.get("/ready"),
                    g -> g.body().contains("points wait in the disk spool"), "the spooled points to show");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject ready = new JsonObject(r.body());
            assertThat(ready.getString("status")).isEqualTo("DEGRADED");
            assertThat(statusOf(ready, "influxdb")).isEqualTo("DEGRADED");
            assertThat(statusOf(ready, "spool")).isEqualTo("DEGRADED");
            assertThat(p.get("/health").statusCode()).isEqualTo(200);
        }
    }

    private static String statusOf(JsonObject report, String id) {
        JsonArray checks = report.getJsonArray("checks");
        for (int i = 0; i < checks.size(); i++) {
            if (checks.getJsonObject(i).getString("id").equals(id)) {
                return checks.getJsonObject(i).getString("status");
            }
        }
        return null;
    }
}
