package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.MosquittoSub;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert's whole life through the running platform: a device (mosquitto_pub) reports 2600 ppm
 * (major at once), the crew (mosquitto_sub on alerts/nanan/+) is notified, an operator acknowledges
 * it over HTTP, the reading falls to 1500 ppm (de-escalates to the warning, which keeps the ack;
 * its clear needs below 900 ppm for 2 min) and the operator clears it by hand. Every step is on MQTT
 * and in the alert's history.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class AlertLifecycleEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void raiseAckDeEscalateAndClearByHandAreNotifiedOverMqtt(InfluxServer influx, @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, null, TestPlatform.ANONYMOUS_DEVICES)) {
            // the crew member signs in with an operator token; who acted comes from it
            String crewToken = new JsonObject(p.post("/api/tokens", "{\"name\":\"li.wei\",\"role\":\"operator\"}").body())
                    .getString("token");
            int port = p.platform.mqttPort();
            MosquittoSub crew = MosquittoSub.subscribed("-h", "127.0.0.1", "-p", String.valueOf(port), "-q", "1",
                    "-i", "crew-tablet", "-t", "alerts/nanan/+", "-C", "4", "-W", "50");
            assertThat(DeviceClients.mosquittoPub("127.0.0.1", port, "nanan", "iaq-0002", "{\"co2\":2600}").exitCode()).isZero();

            JsonObject raised = Eventually.await(WAIT, () -> new JsonArray(p.get("/api/alerts?state=ACTIVE&tenant=nanan").body()),
                    a -> !a.isEmpty(), "the CO2 alert").getJsonObject(0);
            String id = raised.getString("id");
            var ack = p.send("POST", "/api/alerts/" + id + "/ack", "{\"note\": \"opening windows\"}", crewToken);
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(DeviceClients.mosquittoPub("127.0.0.1", port, "nanan", "iaq-0002", "{\"co2\":1500}").exitCode()).isZero();

            Eventually.await(WAIT, () -> new JsonObject(p.get("/api/alerts/" + id).body()).getString("severity"),
                    "warning"::equals, "the de-escalation");
            var clear = p.send("POST", "/api/alerts/" + id + "/clear", "{\"note\": \"room aired\"}", crewToken);
            assertThat(clear.statusCode()).as(clear.body()).isEqualTo(200);

            ExternalCommand.Result seen = crew.await(Duration.ofSeconds(60));
            assertThat(seen.exitCode()).as(seen.output()).isZero();
            List<JsonObject> messages = seen.stdout().lines().map(JsonObject::new).toList();
            assertThat(messages).extracting(m -> m.getString("state"))
                    .containsExactly("ACTIVE_UNACK", "ACTIVE_ACK", "ACTIVE_ACK", "CLEARED_ACK");
            assertThat(messages).extracting(m -> m.getString("severity")).containsExactly("major", "major", "warning", "warning");
            assertThat(messages).extracting(m -> m.getString("id")).containsOnly(id);
            assertThat(messages.get(1).getString("ackedBy")).isEqualTo("li.wei");

            JsonObject closed = new JsonObject(p.get("/api/alerts/" + id).body());
            assertThat(closed.getString("state")).isEqualTo("CLEARED_ACK");
            assertThat(closed.getString("ruleId")).isEqualTo("iaq-co2");
            assertThat(closed.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("kind")).toList())
                    .containsExactly("RAISED", "ACKNOWLEDGED", "DEESCALATED", "CLEARED_BY_HAND");
        }
    }
}
