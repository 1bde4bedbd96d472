package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The walking skeleton end to end, once per way into the platform, with device authentication on
 * (the default): a real client we did not write signs in as the device and sends an iaq-sensor reading; the test sees it in the twin (parsed by Ditto's own model),
 * as a point in the real InfluxDB, and as the CO2 alert (2600 ppm: the default rule's major level, raised at once).
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class TelemetryEndToEndTest {

    enum Route {
        /** mosquitto_pub to the embedded HiveMQ CE broker, QoS 1 (the PUBACK comes once the reading is stored). */
        EMBEDDED_BROKER,
        /** the same at QoS 0 (no PUBACK; handed on at once). */
        EMBEDDED_BROKER_QOS0,
        /** coap-client-openssl to the CoAPS ingress (DTLS PSK, short path: the device is the PSK identity). */
        COAPS,
        /** mosquitto_pub to an external Mosquitto the platform subscribes to (PARKOPS_MQTT_URL). */
        EXTERNAL_MOSQUITTO
    }

    private static final String PAYLOAD = "{\"temperature\":22.5,\"co2\":2600}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(Route.class)
    void readingReachesTwinInfluxAndRaisesAlert(Route route, InfluxServer influx, MosquittoServer mosquitto,
                                                @TempDir Path dataDir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dataDir, route == Route.EXTERNAL_MOSQUITTO ? mosquitto.url() : null)) {
            ExternalCommand.Result sent = switch (route) {
                case EMBEDDED_BROKER -> DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001", PAYLOAD);
                case EMBEDDED_BROKER_QOS0 -> DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001", PAYLOAD, 0);
                case EXTERNAL_MOSQUITTO -> DeviceClients.mosquittoPub(mosquitto.host(), mosquitto.port(), "nanan", "iaq-0001", PAYLOAD);
                case COAPS -> DeviceClients.coapsPostAs(p.platform.coapsPort(), "nanan", "iaq-0001", PAYLOAD);
            };
            assertThat(sent.exitCode()).as(sent.output()).isZero();

            Thing thing = twinOnceCo2Is(p, 2600.0);
            assertThat(thing.getEntityId()).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo("nanan:iaq-0001"));
            assertThat(thing.getAttributes().flatMap(a -> a.getValue("building"))).hasValueSatisfying(
                    v -> assertThat(v.asString()).isEqualTo("b1"));
            assertThat(thing.getDefinition()).hasValueSatisfying(d -> assertThat(d.toString()).isEqualTo("io.parkops:iaq-sensor:1.0.0"));
            assertThat(thing.getFeatures().flatMap(f -> f.getFeature("environment")).flatMap(f -> f.getProperty("temperature")))
                    .hasValueSatisfying(v -> assertThat(v.asDouble()).isEqualTo(22.5));

            List<List<Object>> rows = Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                            "SELECT co2, temperature, building, floor, zone, type FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    r -> !r.isEmpty(), "the point in InfluxDB");
            assertThat(rows.get(0).subList(1, 7)).containsExactly(2600.0, 22.5, "b1", "3", "3-east", "iaq-sensor");

            JsonObject alert = Eventually.await(WAIT, () -> activeAlerts(p), a -> !a.isEmpty(), "the CO2 alert")
                    .getJsonObject(0);
            assertThat(alert.getString("thingId")).isEqualTo("nanan:iaq-0001");
            assertThat(alert.getString("ruleId")).isEqualTo("iaq-co2");
            assertThat(alert.getString("severity")).isEqualTo("major");
            assertThat(alert.getString("state")).isEqualTo("ACTIVE_UNACK");
            assertThat(alert.getDouble("value")).isEqualTo(2600.0);
            assertThat(alert.getDouble("threshold")).isEqualTo(2500.0);

            List<List<Object>> alertRows = Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                    "SELECT state, value, threshold FROM alerts WHERE thing = 'nanan:iaq-0001'"), r -> !r.isEmpty(), "the alert point");
            assertThat(alertRows.get(0).subList(1, 4)).containsExactly("ACTIVE_UNACK", 2600.0, 2500.0);
        }
    }

    static Thing twinOnceCo2Is(TestPlatform p, double co2) throws Exception {
        String body = Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:iaq-0001").body(),
                b -> b.contains("\"co2\":" + co2) || b.contains("\"co2\":" + (long) co2), "the twin to show co2 " + co2);
        return ThingsModelFactory.newThing(JsonFactory.readFrom(body).asObject());
    }

    static JsonArray activeAlerts(TestPlatform p) throws Exception {
        return new JsonArray(p.get("/api/alerts?state=ACTIVE_UNACK&tenant=nanan").body());
    }
}
