package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkops.sim.signal.SignalContext;
import io.parkops.sim.signal.Signals;
import io.parkops.sim.signal.SiteClimate;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in type, with the readings firmware-sim produces for it, over both protocols and
 * with real clients: {@code mosquitto_pub} sends SenML JSON, {@code coap-client-notls -t 112}
 * sends SenML CBOR from a file. Each reading must reach the twin and InfluxDB with the type's
 * feature as measurement and the device's tags.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class BuiltInTypesEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestPlatform p;
    private static Path dir;

    @BeforeAll
    static void start(InfluxServer influx) throws Exception {
        dir = Files.createTempDirectory("builtin-e2e");
        p = TestPlatform.start(influx, dir, null, TestPlatform.ANONYMOUS_DEVICES);
        for (String type : Signals.TYPE_IDS) {
            TypesHttp.provision(p, type + "-mq", type);
            TypesHttp.provision(p, type + "-co", type);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        p.close();
    }

    static List<String> types() {
        return Signals.TYPE_IDS;
    }

    @ParameterizedTest
    @MethodSource("types")
    void senmlJsonOverMqttReachesTwinAndInflux(String type, InfluxServer influx) throws Exception {
        Map<String, Object> reading = reading(type);
        String device = type + "-mq";
        ExternalCommand.Result sent = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", device,
                SenmlPayloads.json(device, reading));
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertArrived(influx, type, device, reading);
    }

    @ParameterizedTest
    @MethodSource("types")
    void senmlCborOverCoapReachesTwinAndInflux(String type, InfluxServer influx) throws Exception {
        Map<String, Object> reading = reading(type);
        String device = type + "-co";
        Path file = dir.resolve(device + ".cbor");
        Files.write(file, SenmlPayloads.cbor(device, reading));
        ExternalCommand.Result sent = ExternalCommand.run(WAIT, "coap-client-notls", "-m", "post", "-t", "112", "-b", "1024",
                "-f", file.toString(), "coap://127.0.0.1:" + p.platform.coapPort() + "/telemetry/nanan/" + device);
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertThat(sent.output()).doesNotContain("4.");
        assertArrived(influx, type, device, reading);
    }

    @org.junit.jupiter.api.Test
    void senmlCborOverMqtt5WithItsContentTypeArrivesInKilowatts(InfluxServer influx) throws Exception {
        TypesHttp.provision(p, "em-v5", "energy-meter");
        Path file = dir.resolve("em-v5.cbor");
        Files.write(file, SenmlPayloads.cborWithUnit("em-v5", "activePower", "W", 1500.0));
        ExternalCommand.Result sent = ExternalCommand.run(WAIT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-i", "em-v5@nanan", "-u", "em-v5@nanan", "-P", "secret",
                "-D", "publish", "content-type", "application/senml+cbor", "-t", "telemetry/nanan/em-v5", "-f", file.toString());
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        JsonObject props = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/nanan:em-v5/features/energy/properties").body()),
                x -> x.containsKey("activePower"), "activePower in the twin");
        assertThat(props.getDouble("activePower")).isEqualTo(1.5);
        assertThat(Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT activePower FROM energy WHERE thing = 'nanan:em-v5'"),
                r -> !r.isEmpty(), "the kW point").get(0).get(1)).isEqualTo(1.5);
    }

    private static Map<String, Object> reading(String type) {
        long now = System.currentTimeMillis();
        SignalContext ctx = new SignalContext(42, new SiteClimate(42, ZoneId.of("Asia/Shanghai")), now - 60_000, false);
        return Signals.create(type, ctx).sample(now);
    }

    private static void assertArrived(InfluxServer influx, String type, String device, Map<String, Object> reading) throws Exception {
        String thing = "nanan:" + device;
        JsonObject twin = Eventually.await(WAIT, () -> new JsonObject(p.get("/api/2/things/" + thing).body()),
                t -> featureOf(t) != null && featureOf(t).getJsonObject("properties").size() == reading.size(),
                "every property of " + thing + " in its twin");
        assertThat(twin.getString("definition")).startsWith("io.parkops:" + type + ":");
        String feature = twin.getJsonObject("features").fieldNames().iterator().next();
        JsonObject props = featureOf(twin).getJsonObject("properties");
        reading.forEach((name, value) -> {
            if (value instanceof Number n) {
                assertThat(props.getDouble(name)).as(name).isCloseTo(n.doubleValue(), within(1e-9));
            } else {
                assertThat(props.getValue(name)).as(name).isEqualTo(value);
            }
        });
        String property = reading.keySet().iterator().next();
        List<List<Object>> rows = Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT \"" + property
                + "\", \"type\", building, floor, zone, tenant FROM \"" + feature + "\" WHERE thing = '" + thing + "'"),
                r -> !r.isEmpty(), "the point of " + thing + " in InfluxDB");
        assertThat(rows.get(0).subList(2, 7)).containsExactly(type, "b7", "2", "2-north", "nanan");
    }

    private static JsonObject featureOf(JsonObject twin) {
        JsonObject features = twin.getJsonObject("features");
        if (features == null || features.isEmpty()) {
            return null;
        }
        JsonObject f = features.getJsonObject(features.fieldNames().iterator().next());
        return f.getJsonObject("properties") == null ? null : f;
    }
}
