package io.parkops.platform;

import static io.parkops.platform.MqttScenarios.meter;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.advanced.interceptor.qos1.Mqtt5OutgoingQos1Interceptor;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device MQTT endpoint on Vert.x's MQTT server ({@code PARKOPS_MQTT_ENDPOINT=vertx}) with real
 * clients: mosquitto_pub and mosquitto_sub (MQTT 3.1.1 and 5) and the HiveMQ MQTT client. Devices
 * sign in and keep to their topics as on the embedded broker; a gateway keeps many QoS 1 readings in
 * flight on one connection and gets every PUBACK, in order, once stored; commands reach the
 * gateway's subscription and its answer is taken; a crew reads alerts with its API token.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class VertxEndpointTest {

    static final Map<String, String> VERTX = Map.of("PARKOPS_MQTT_ENDPOINT", "vertx");

    private static final int METERS = 300;
    private static final int READINGS = 3_000;
    private static final int IN_FLIGHT = 100;
    private static final String GATEWAY_PASSWORD = "gw-01-password";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration CLIENT = Duration.ofSeconds(20);

    private TestPlatform p;
    private InfluxServer influx;

    @BeforeAll
    void provisionAGatewayAndTheDevicesBehindIt(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(influx, dir, null, VERTX);
        MqttScenarios.provisionGatewayAndMeters(p, "{\"password\":\"" + GATEWAY_PASSWORD + "\"}", METERS);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void mosquittoPubOverMqtt311And5ReachesTheTwinAndInfluxDb() throws Exception {
        ExternalCommand.Result v311 = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001",
                "{\"co2\":611}");
        assertThat(v311.exitCode()).as(v311.output()).isZero();
        ExternalCommand.Result v5 = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0002@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "telemetry/nanan/iaq-0002", "-m", "{\"co2\":622}");
        assertThat(v5.exitCode()).as(v5.output()).isZero();
        for (String[] expected : new String[][] {{"iaq-0001", "611"}, {"iaq-0002", "622"}}) {
            Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:" + expected[0] + "/features/environment/properties/co2").body(),
                    b -> b.equals(expected[1]) || b.equals(expected[1] + ".0"), expected[0] + "'s twin");
            Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:" + expected[0]
                    + "' AND co2 = " + expected[1]), rows -> !rows.isEmpty(), expected[0] + "'s point in InfluxDB");
        }
    }

    /** A device back after a network cut signs in again while its old connection is half open: the old one ends. */
    @Test
    void aSecondConnectionWithTheSameClientIdTakesOverTheFirst() throws Exception {
        CompletableFuture<String> firstEnded = new CompletableFuture<>();
        Mqtt5AsyncClient first = device("iaq-0003@nanan")
                .addDisconnectedListener(c -> firstEnded.complete(
                        c.getCause() instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException d
                                ? d.getMqttMessage().getReasonCode().name() : String.valueOf(c.getCause()))).buildAsync();
        first.connect().get(10, TimeUnit.SECONDS);
        Mqtt5AsyncClient second = device("iaq-0003@nanan").buildAsync();
        second.connect().get(10, TimeUnit.SECONDS);

        assertThat(firstEnded.get(10, TimeUnit.SECONDS)).isEqualTo("SESSION_TAKEN_OVER");
        second.publishWith().topic("telemetry/nanan/iaq-0003").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"co2\":733}".getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
        Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0003' AND co2 = 733"),
                rows -> !rows.isEmpty(), "the new connection's reading in InfluxDB");
        second.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** An MQTT 5 client signed in as {@code identity} with the test devices' password and that id as its client id. */
    private Mqtt5ClientBuilder device(String identity) {
        return Mqtt5Client.builder().identifier(identity).serverHost("127.0.0.1").serverPort(p.platform.mqttPort())
                .simpleAuth().username(identity).password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }

    @Test
    void aWrongPasswordIsRefusedOverMqtt311And5AndCounted() {
        double before = p.counter("parkops.device.auth", "transport", "mqtt", "result", "refused", "reason", "wrong_password");
        for (String version : List.of("mqttv311", "mqttv5")) {
            ExternalCommand.Result r = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", version, "-h", "127.0.0.1",
                    "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0003@nanan", "-P", "not-the-password",
                    "-t", "telemetry/nanan/iaq-0003", "-m", "{\"co2\":9001}");
            assertThat(r.exitCode()).as(version).isNotZero();
            assertThat(r.output()).as(version).containsIgnoringCase("bad user name or password");
        }
        assertThat(p.counter("parkops.device.auth", "transport", "mqtt", "result", "refused", "reason", "wrong_password"))
                .isEqualTo(before + 2);
    }

    @Test
    void anotherDevicesTopicIsRefusedWith0x87OverMqtt5AndByClosingOverMqtt311() {
        double before = p.counter("parkops.device.denied", "transport", "mqtt", "action", "publish");
        ExternalCommand.Result v5 = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "telemetry/nanan/iaq-0003", "-m", "{\"co2\":9003}");
        assertThat(v5.output()).containsIgnoringCase("not authorized");
        ExternalCommand.Result v311 = ExternalCommand.run(CLIENT, "mosquitto_pub", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "event/nanan/iaq-0003", "-m", "{\"co2\":9004}");
        assertThat(v311.exitCode()).as(v311.output()).isNotZero();
        assertThat(p.counter("parkops.device.denied", "transport", "mqtt", "action", "publish")).isGreaterThanOrEqualTo(before + 2);
        assertThat(influx.rows(p.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0003' AND co2 >= 9003")).isEmpty();
    }

    @Test
    void oneGatewayConnectionKeepsAHundredReadingsInFlightAndGetsEveryPubAckInOrderOnceStored() throws Exception {
        // the client completes its futures on a thread pool, so their order says nothing: read the PUBACKs as they arrive
        ConcurrentLinkedQueue<Long> ackOrder = new ConcurrentLinkedQueue<>();
        Mqtt5AsyncClient gateway = signIn("gw-01-readings", Mqtt5Client.builder().advancedConfig().interceptors()
                .outgoingQos1Interceptor(new Mqtt5OutgoingQos1Interceptor() {
                    @Override
                    public void onPubAck(Mqtt5ClientConfig config, Mqtt5Publish publish, Mqtt5PubAck pubAck) {
                        ackOrder.add(new JsonObject(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).getLong("activePower"));
                    }
                }).applyInterceptors().applyAdvancedConfig());
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        long base = System.currentTimeMillis() - 600_000;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < READINGS; i++) {
                window.acquire();
                int n = i;
                String json = "{\"ts\":" + (base + n) + ",\"activePower\":" + n + "}";
                acks.add(gateway.publishWith().topic("telemetry/nanan/" + meter(1 + n % METERS)).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(json.getBytes(StandardCharsets.UTF_8)).send().whenComplete((result, error) -> {
                            if (error != null || result.getError().isPresent()) {
                                refused.incrementAndGet();
                            }
                            window.release();
                        }));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("gateway over the Vert.x endpoint: %d QoS 1 readings, %d in flight, %.1f s, %.0f msg/s%n",
                READINGS, IN_FLIGHT, seconds, READINGS / seconds);
        assertThat(refused.get()).as("refused PUBACKs").isZero();
        assertThat(new ArrayList<>(ackOrder)).as("PUBACKs in the order of the PUBLISHes").isSorted().hasSize(READINGS);
        List<List<Object>> count = Eventually.await(WAIT, () -> influx.rows(p.influxDb,
                "SELECT count(activePower) FROM energy WHERE thing =~ /^nanan:meter-/"),
                rows -> !rows.isEmpty() && ((Number) rows.get(0).get(1)).intValue() >= READINGS, "every reading in InfluxDB");
        assertThat(((Number) count.get(0).get(1)).intValue()).isEqualTo(READINGS);
    }

    @Test
    void aDesiredSetpointReachesTheGatewayAndItsAnswerIsTaken() throws Exception {
        Mqtt5AsyncClient gateway = signInAsGateway("gw-01-commands");
        try {
            MqttScenarios.setpointReachesTheGatewayAndItsAnswerIsTaken(p, gateway, "nanan", "loop-1");
        } finally {
            gateway.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCommandSetWhileNobodyListensGoesOutWhenTheGatewaySubscribes() throws Exception {
        String thing = "/api/2/things/nanan:loop-2";
        MqttScenarios.provision(p, "{\"tenant\":\"nanan\",\"deviceId\":\"loop-2\",\"type\":\"hvac-loop\",\"via\":[\"gw-01\"]}");
        Eventually.await(WAIT, () -> p.get(thing).statusCode(), s -> s == 200, "the twin");
        assertThat(p.send("PUT", thing + "/features/loop/desiredProperties/setpoint", "21.5", TestPlatform.ADMIN_TOKEN)
                .statusCode()).isEqualTo(201);
        Thread.sleep(500); // the command is pending: nobody is subscribed for loop-2
        ExternalCommand.Result sub = ExternalCommand.run(Duration.ofSeconds(30), "mosquitto_sub", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-v", "-u", "gw-01@nanan", "-P", GATEWAY_PASSWORD,
                "-t", "command/nanan/loop-2/req/#", "-C", "1", "-W", "20");
        assertThat(sub.exitCode()).as(sub.output()).isZero();
        assertThat(sub.stdout()).startsWith("command/nanan/loop-2/req/").contains("/setSetpoint {\"setpoint\":21.5}");
        Eventually.await(WAIT, () -> MqttScenarios.commandOf(p, thing), c -> "sent".equals(c.getString("state")), "the command sent");
    }

    /**
     * MQTT 3.1.1 has no receive maximum: a client that floods is not read while as many messages as
     * the bound wait for their PUBACKs. Every message is still acknowledged, in order, and stored.
     */
    @Test
    void anMqtt311FloodIsHeldAtTheReceiveMaximumNotBuffered(InfluxServer server, @TempDir Path dir) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(VERTX);
        env.put("PARKOPS_MQTT_ENDPOINT_RECEIVE_MAXIMUM", "20");
        try (TestPlatform small = TestPlatform.start(server, dir, null, env)) {
            com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient device = com.hivemq.client.mqtt.mqtt3.Mqtt3Client.builder()
                    .identifier("iaq-0001").serverHost("127.0.0.1").serverPort(small.platform.mqttPort())
                    .simpleAuth().username("iaq-0001@nanan").password(TestPlatform.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().buildAsync();
            device.connect().get(10, TimeUnit.SECONDS);
            int flood = 2_000;
            long base = System.currentTimeMillis() - 600_000;
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                acks.add(device.publishWith().topic("telemetry/nanan/iaq-0001").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("{\"ts\":" + (base + i) + ",\"co2\":" + (400 + i % 1000) + "}").getBytes(StandardCharsets.UTF_8))
                        .send());
            }
            double most = 0;
            while (!CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).isDone()) {
                most = Math.max(most, small.gauge("parkops.mqtt.ingress.waiting"));
                Thread.sleep(5);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            System.out.printf("MQTT 3.1.1 flood of %d with a receive maximum of 20: at most %.0f waited at once%n", flood, most);
            assertThat(most).as("messages waiting at once").isLessThan(flood / 2.0);
            device.disconnect().get(5, TimeUnit.SECONDS);
            Eventually.await(WAIT, () -> server.rows(small.influxDb, "SELECT count(co2) FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    rows -> !rows.isEmpty() && ((Number) rows.get(0).get(1)).intValue() == flood, "every message in InfluxDB");
        }
    }

    @Test
    void aCrewWithAnOperatorTokenGetsAnAlertOnAlertsHash() throws Exception {
        String token = p.newToken("roof-crew", "operator");
        JsonObject alert = MqttScenarios.crewSeesTheAlert(p, token, "alerts/#");
        assertThat(alert.getString("thingId")).isEqualTo("nanan:iaq-0003");
        assertThat(alert.getString("state")).isEqualTo("ACTIVE_UNACK");
        ExternalCommand.Result commands = ExternalCommand.run(CLIENT, "mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-u", "roof-crew", "-P", token, "-t", "command/nanan/iaq-0003/req/#",
                "-W", "3");
        assertThat(commands.output()).as("a person reads nothing but alerts").containsIgnoringCase("denied");
    }

    /**
     * As {@link WriterFullTest}, over the endpoint: a 64 KiB spool, several MQTT 5 connections with
     * hundreds of meter readings in flight each, and an InfluxDB that hangs until the writer holds more
     * than the spool takes, then fails ({@link StalledInflux}: when it fails is the test's choice, not
     * the machine's speed). Whatever does not fit is refused (0x80 with the reason), and every message
     * acknowledged has its point in the spool: acknowledged = spooled.
     */
    @Test
    void withTheWriterFullEveryAcknowledgedMessageIsSpooledAndTheRestRefused(InfluxServer server, @TempDir Path dir) throws Exception {
        try (StalledInflux stalled = new StalledInflux()) {
            Map<String, String> env = new java.util.HashMap<>(VERTX);
            env.putAll(Map.of("PARKOPS_INFLUX_URL", stalled.url(),
                    "PARKOPS_SPOOL_MAX_BYTES", String.valueOf(1 << 16), "PARKOPS_INFLUX_BATCH_SIZE", "50",
                    "PARKOPS_INFLUX_FLUSH_INTERVAL_MS", "200", "PARKOPS_INGEST_MAX_IN_FLIGHT", "5000",
                    "PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true"));
            try (TestPlatform full = TestPlatform.start(server, dir, null, env)) {
                AtomicInteger acknowledged = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                List<Mqtt5AsyncClient> connections = new ArrayList<>();
                long base = System.currentTimeMillis() - 3_600_000;
                for (int c = 0; c < 6; c++) {
                    Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("flood-" + c).serverHost("127.0.0.1")
                            .serverPort(full.platform.mqttPort()).buildAsync();
                    device.connectWith().send().get(10, TimeUnit.SECONDS);
                    connections.add(device);
                    for (int i = 0; i < 300; i++) { // all at once: the endpoint's receive maximum (1000) lets them all in flight
                        String json = "{\"ts\":" + (base + c * 1000 + i) + WriterFullTest.METER_READING + "}";
                        device.publishWith().topic("telemetry/nanan/em-0001").qos(MqttQos.AT_LEAST_ONCE)
                                .payload(json.getBytes(StandardCharsets.UTF_8)).send().whenComplete((result, error) -> {
                                    (error == null && result.getError().isEmpty() ? acknowledged : refused).incrementAndGet();
                                });
                    }
                }
                Eventually.await(Duration.ofSeconds(60), () -> full.gauge("parkops.influx.queue.depth"),
                        n -> n >= WriterFullTest.ON_THEIR_WAY, WriterFullTest.ON_THEIR_WAY + " readings on their way to the stalled InfluxDB");
                assertThat(acknowledged.get()).as("nothing acknowledged while nothing is stored").isZero();
                stalled.fail(); // the writer spools what it holds: a few batches fit, the rest does not
                Eventually.await(Duration.ofSeconds(30), () -> full.counter("parkops.messages", "transport", "mqtt", "result", "not_stored"),
                        n -> n > 0, "messages that did not fit the spool to be refused");
                Eventually.await(WAIT, () -> (double) acknowledged.get() - full.gauge("parkops.spool.points"), d -> d == 0,
                        "acknowledged = spooled");
                Thread.sleep(1_000);
                assertThat((double) acknowledged.get()).as("acknowledged, a second later").isEqualTo(full.gauge("parkops.spool.points"));
                assertThat(acknowledged.get()).as("some were stored").isPositive().isLessThan(1_800);
                double notStored = full.counter("parkops.messages", "transport", "mqtt", "result", "not_stored");
                assertThat((double) refused.get()).as("refused PUBACKs").isEqualTo(notStored);
                connections.forEach(Mqtt5AsyncClient::disconnect);
            }
        }
    }

    /** A TLS listener on PARKOPS_MQTTS_PORT beside the plain one, from the key store, as {@link TlsTest} does for the broker. */
    @Test
    void mqttOverTlsUsesTheConfiguredKeyStore(InfluxServer server, @TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path ca = dir.resolve("server.pem");
        String pass = "store-pass";
        for (String[] command : List.of(new String[] {"keytool", "-genkeypair", "-alias", "parkops", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", pass, "-keypass", pass}, new String[] {"keytool", "-exportcert",
                "-rfc", "-alias", "parkops", "-keystore", keystore.toString(), "-storepass", pass, "-file", ca.toString()})) {
            assertThat(ExternalCommand.run(CLIENT, command).exitCode()).isZero();
        }
        int mqtts = io.parkops.testing.FreePort.tcp();
        Map<String, String> env = new java.util.HashMap<>(VERTX);
        env.putAll(Map.of("PARKOPS_TLS_KEYSTORE", keystore.toString(), "PARKOPS_TLS_KEYSTORE_PASSWORD", pass,
                "PARKOPS_MQTTS_PORT", String.valueOf(mqtts)));
        try (TestPlatform secure = TestPlatform.start(server, dir.resolve("platform"), null, env)) {
            ExternalCommand.Result r = ExternalCommand.run(CLIENT, "mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(mqtts),
                    "--cafile", ca.toString(), "-q", "1", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                    "-t", "telemetry/nanan/iaq-0001", "-m", "{\"co2\":812}");
            assertThat(r.exitCode()).as(r.output()).isZero();
            Eventually.await(WAIT, () -> server.rows(secure.influxDb, "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0001'"),
                    rows -> !rows.isEmpty(), "the reading sent over MQTT/TLS in InfluxDB");
        }
    }

    private Mqtt5AsyncClient signInAsGateway(String clientId) throws Exception {
        return signIn(clientId, Mqtt5Client.builder());
    }

    private Mqtt5AsyncClient signIn(String clientId, Mqtt5ClientBuilder builder) throws Exception {
        return MqttScenarios.signIn(p, builder, clientId, "gw-01@nanan", GATEWAY_PASSWORD);
    }

}
