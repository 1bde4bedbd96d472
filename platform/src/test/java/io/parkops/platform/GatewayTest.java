package io.parkops.platform;

import static io.parkops.platform.MqttScenarios.meter;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway as Eclipse Hono defines it, with real clients: gateway {@code gw-01} of site nanan
 * signs in as itself and, over one MQTT connection, publishes for the 300 meters whose
 * registrations name it in {@code via}, takes the commands of an HVAC loop behind it, and is
 * refused for a meter that does not name it (MQTT 5 PUBACK 0x87, counted in /metrics as
 * {@code not_behind_gateway}); over CoAPS it posts on a device's long path.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class GatewayTest {

    /**
     * One reading per meter. The target of 3,000 readings with 100 in flight on the one connection
     * is {@link VertxEndpointTest}'s, on the Vert.x MQTT endpoint: the embedded HiveMQ CE broker
     * holds a client's next publish until the previous one is stored (25-40 messages/s per
     * connection here), so 3,000 would take minutes.
     */
    private static final int METERS = 300;
    private static final String GATEWAY_PASSWORD = "gw-01-password";
    private static final String GATEWAY_PSK = "gw-01-key";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A CoAP 4.xx as coap-client prints it, not the same digits inside its log timestamps (12:14:42.047). */
    private static final String CODE_4_XX = "(^|\\s)4\\.\\d\\d\\b";

    private TestPlatform p;
    private InfluxServer influx;

    @BeforeAll
    void provisionAGatewayAndTheDevicesBehindIt(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(influx, dir, null);
        MqttScenarios.provisionGatewayAndMeters(p, "{\"password\":\"" + GATEWAY_PASSWORD + "\",\"psk\":\"" + GATEWAY_PSK + "\"}",
                METERS);
        MqttScenarios.provision(p, "{\"tenant\":\"nanan\",\"deviceId\":\"m-999\",\"type\":\"energy-meter\"}");
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void theRegistrationShowsItsGateways() throws Exception {
        JsonObject meter = new JsonObject(p.get("/api/devices/nanan/" + meter(1)).body());
        assertThat(meter.getJsonArray("via").getList()).containsExactly("gw-01");
        assertThat(new JsonObject(p.get("/api/devices/nanan/m-999").body()).getJsonArray("via").getList()).isEmpty();
        HttpResponse<String> bad = p.post("/api/devices",
                "{\"tenant\":\"nanan\",\"deviceId\":\"m-1000\",\"type\":\"energy-meter\",\"via\":[\"gw-01@nanan\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("via[0]").contains("gw-01@nanan");
    }

    @Test
    void oneGatewayConnectionCarriesTheReadingsOfEveryMeterBehindIt() throws Exception {
        Mqtt5AsyncClient gateway = signInAsGateway("gw-01-readings");
        try {
            List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>();
            // all at once: the client keeps as many in flight as the broker's receive maximum allows
            for (int i = 1; i <= METERS; i++) {
                acks.add(gateway.publishWith().topic("telemetry/nanan/" + meter(i)).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(reading(i).getBytes(StandardCharsets.UTF_8)).send());
            }
            for (int i = 0; i < METERS; i++) {
                Mqtt5PublishResult result = acks.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.getError()).as("PUBACK of " + meter(i + 1)).isEmpty();
            }
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
        // a PUBACK means stored in InfluxDB or the spool: wait for InfluxDB itself
        Map<String, Double> stored = Eventually.await(WAIT, this::storedActivePower, m -> m.size() == METERS,
                METERS + " meters' points in InfluxDB");
        for (int i = 1; i <= METERS; i++) {
            assertThat(stored.get("nanan:" + meter(i))).as(meter(i)).isEqualTo(power(i));
        }
        for (int i = 1; i <= METERS; i++) {
            String path = "/api/2/things/nanan:" + meter(i) + "/features/energy/properties/activePower";
            assertThat(Double.parseDouble(p.get(path).body())).as(meter(i) + "'s twin").isEqualTo(power(i));
        }
    }

    @Test
    void aMeterThatDoesNotNameTheGatewayIsRefusedAndCounted() throws Exception {
        double before = deniedOnMetricsPage("mqtt", "publish");
        Mqtt5AsyncClient gateway = signInAsGateway("gw-01-refused");
        try {
            Throwable error;
            try {
                error = gateway.publishWith().topic("telemetry/nanan/m-999").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"activePower\":999.5}".getBytes(StandardCharsets.UTF_8)).send()
                        .get(10, TimeUnit.SECONDS).getError().orElse(null);
            } catch (ExecutionException e) {
                error = e.getCause();
            }
            assertThat(error).isInstanceOf(Mqtt5PubAckException.class);
            assertThat(((Mqtt5PubAckException) error).getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            // the connection stays up for the devices that do name it
            assertThat(gateway.publishWith().topic("telemetry/nanan/" + meter(7)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"reactivePower\":7.5}".getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS)
                    .getError()).isEmpty();
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
        assertThat(deniedOnMetricsPage("mqtt", "publish")).isGreaterThanOrEqualTo(before + 1);
        assertThat(influx.rows(p.influxDb, "SELECT activePower FROM energy WHERE thing = 'nanan:m-999'")).isEmpty();
        assertThat(p.get("/api/2/things/nanan:m-999/features/energy/properties/activePower").statusCode()).isEqualTo(404);
    }

    @Test
    void theGatewaySubscribesPerDeviceAndNoWildcardWidensIt() throws Exception {
        Mqtt5AsyncClient gateway = signInAsGateway("gw-01-wildcards");
        try {
            assertThat(MqttScenarios.subscribe(gateway, "command/nanan/+/req/#", new LinkedBlockingQueue<>()))
                    .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(MqttScenarios.subscribe(gateway, "command/nanan/m-999/req/#", new LinkedBlockingQueue<>()))
                    .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(MqttScenarios.subscribe(gateway, "command/nanan/" + meter(1) + "/req/#", new LinkedBlockingQueue<>()))
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
        assertThat(deniedOnMetricsPage("mqtt", "subscribe")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDesiredSetpointReachesTheGatewaysSubscriptionForTheLoopBehindIt() throws Exception {
        Mqtt5AsyncClient gateway = signInAsGateway("gw-01-commands");
        try {
            MqttScenarios.setpointReachesTheGatewayAndItsAnswerIsTaken(p, gateway, "nanan", "loop-1");
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void coapsGatewayIsRefusedWith403ForADeviceThatDoesNotNameIt() {
        ExternalCommand.Result r = DeviceClients.coapsPost(p.platform.coapsPort(), "gw-01@nanan", GATEWAY_PSK,
                "/telemetry/nanan/m-999", "{\"activePower\":999.25}");
        assertThat(r.output()).contains("4.03").contains("gw-01@nanan");
    }

    @Test
    void coapsGatewayPostsForADeviceThatNamesIt() throws Exception {
        ExternalCommand.Result r = DeviceClients.coapsPost(p.platform.coapsPort(), "gw-01@nanan", GATEWAY_PSK,
                "/telemetry/nanan/" + meter(2), "{\"reactivePower\":2.75}");
        // coap-client prints error codes, not 2.04: a clean exit without a 4.xx is the 2.04
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContainPattern(CODE_4_XX);
        Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:" + meter(2) + "/features/energy/properties/reactivePower").body(),
                "2.75"::equals, meter(2) + "'s reactivePower over CoAPS through its gateway");
    }

    private Mqtt5AsyncClient signInAsGateway(String clientId) throws Exception {
        return MqttScenarios.signIn(p, clientId, "gw-01@nanan", GATEWAY_PASSWORD);
    }

    /** activePower by thing id, from InfluxDB. */
    private Map<String, Double> storedActivePower() {
        Map<String, Double> byThing = new HashMap<>();
        for (List<Object> row : influx.rows(p.influxDb, "SELECT activePower, thing FROM energy WHERE thing =~ /^nanan:meter-/")) {
            if (row.get(1) != null) {
                byThing.put((String) row.get(2), ((Number) row.get(1)).doubleValue());
            }
        }
        return byThing;
    }

    /** The sum of parkops_device_denied_total for the gateway label, read as Prometheus does, from /metrics. */
    private double deniedOnMetricsPage(String transport, String action) throws Exception {
        String page = p.get("/metrics", null).body();
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("parkops_device_denied_total{") && line.contains("reason=\"not_behind_gateway\"")
                    && line.contains("transport=\"" + transport + "\"") && line.contains("action=\"" + action + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static double power(int i) {
        return i + 0.25;
    }

    private static String reading(int i) {
        return "{\"activePower\":" + power(i) + "}";
    }
}
