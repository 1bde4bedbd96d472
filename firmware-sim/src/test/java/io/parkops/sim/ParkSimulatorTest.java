package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkops.sim.fleet.Estate;
import io.parkops.sim.fleet.ParkLayout;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the simulator against real servers on loopback: a Vert.x HTTP server for provisioning, a
 * Californium CoAP server, and a Mosquitto broker when {@code PARKOPS_TEST_MQTT_URL} names one.
 */
@Timeout(90)
class ParkSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> TENANTS = List.of("nanan", "xinshengli");
    private static Vertx vertx;

    private ProvisioningServer platform;
    private TelemetryCoapServer coap;
    private ParkSimulator sim;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Eventually.get(vertx.close(), Duration.ofSeconds(10));
    }

    @BeforeEach
    void startServers() {
        platform = ProvisioningServer.start(vertx);
        coap = TelemetryCoapServer.withDtls(ParkLayout.plan(SimOptions.defaults().withFleet(TENANTS, 3)));
    }

    @AfterEach
    void stopEverything() {
        if (sim != null) {
            Eventually.get(sim.stop(), Duration.ofSeconds(20));
        }
        coap.close();
        platform.close();
    }

    private SimOptions fleet(Protocol protocol, int perType) {
        URI broker = MqttTelemetryTap.brokerFromEnv().orElse(URI.create("tcp://127.0.0.1:1"));
        return SimOptions.defaults()
                .withPlatform(platform.uri(), "test-token")
                .withCoap("127.0.0.1", coap.port())
                .withCoapsPort(coap.securePort())
                .withMqtt(broker.getHost(), broker.getPort())
                .withFleet(TENANTS, perType)
                .withInterval(Duration.ofMillis(200))
                .withProtocol(protocol)
                .withSeed(7);
    }

    private ParkSimulator start(SimOptions options) {
        sim = Eventually.get(ParkSimulator.start(vertx, options), WAIT);
        return sim;
    }

    @Test
    void provisionsEveryDeviceWithTheContractBodyAndBearerToken() {
        start(fleet(Protocol.COAP, 1));

        assertThat(platform.received()).hasSize(16).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer test-token");
            JsonObject body = request.body();
            assertThat(body.fieldNames()).contains("tenant", "deviceId", "type", "attributes", "credentials");
            assertThat(body.getJsonObject("attributes").fieldNames()).contains("building", "floor", "zone");
            // the password goes already hashed (bcrypt, lowest cost) and is the one the device signs in with
            SimDevice device = sim.devices().stream().filter(d -> d.deviceId().equals(body.getString("deviceId"))
                    && d.tenant().equals(body.getString("tenant"))).findFirst().orElseThrow();
            String hash = body.getJsonObject("credentials").getString("passwordHash");
            assertThat(hash).startsWith("$2a$04$").hasSize(60);
            assertThat(OpenBSDBCrypt.checkPassword(hash, device.password().toCharArray())).isTrue();
            assertThat(body.getJsonObject("credentials").containsKey("password")).isFalse();
        });
        assertThat(platform.received()).extracting(r -> r.body().getString("tenant") + '/' + r.body().getString("deviceId"))
                .doesNotHaveDuplicates();
        assertThat(platform.received()).extracting(r -> r.body().getString("type"))
                .containsAll(ContractProperties.BY_TYPE.keySet());
        assertThat(sim.devices()).hasSize(16);
        assertThat(sim.stats().devices()).isEqualTo(16);
    }

    @Test
    void coapDevicesDeliverEveryTypeWithTheContractProperties() {
        start(fleet(Protocol.COAP, 1));

        awaitEveryDeviceReported(() -> coap.received().stream().map(r -> r.path()).collect(Collectors.toSet()), "CoAP");
        assertThat(coap.received()).allSatisfy(r -> {
            assertThat(r.contentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
            assertCarriesContractProperties(deviceOf(r.path()), r.json());
        });
        assertThat(sim.stats().acked()).isPositive();
        assertThat(sim.stats().errors()).isZero();
    }

    @Test
    void mqttDevicesDeliverEveryTypeWithTheContractProperties() throws Exception {
        URI broker = requireBroker();
        try (MqttTelemetryTap tap = new MqttTelemetryTap(broker)) {
            start(fleet(Protocol.MQTT, 1));

            awaitEveryDeviceReported(() -> tap.received().stream().map(r -> r.topic()).collect(Collectors.toSet()), "MQTT");
            assertThat(tap.received()).allSatisfy(r -> assertCarriesContractProperties(deviceOf(r.topic()), r.json()));
            Eventually.await(WAIT, () -> sim.stats().acked() >= 16, () -> "PUBACKs counted: " + sim.stats());
            assertThat(sim.stats().errors()).as(sim.lastError() == null ? "" : sim.lastError()).isZero();
        }
    }

    @Test
    void mixedCarriesEveryTypeOverMqttCoapAndCoaps() throws Exception {
        URI broker = requireBroker();
        try (MqttTelemetryTap tap = new MqttTelemetryTap(broker)) {
            start(fleet(Protocol.MIXED, 2));

            awaitEveryDeviceReported(() -> union(tap.received().stream().map(r -> r.topic()),
                    coap.received().stream().map(r -> r.path())), "MQTT or CoAP");
            Set<String> overMqtt = typesSeen(tap.received().stream().map(r -> r.topic()).collect(Collectors.toSet()));
            Set<String> overCoap = typesSeen(coap.received().stream().filter(r -> !r.secure()).map(r -> r.path()).collect(Collectors.toSet()));
            Set<String> overCoaps = typesSeen(coap.received().stream().filter(r -> r.secure()).map(r -> r.path()).collect(Collectors.toSet()));
            assertThat(overMqtt).containsExactlyInAnyOrderElementsOf(ContractProperties.BY_TYPE.keySet());
            assertThat(overCoap).containsExactlyInAnyOrderElementsOf(ContractProperties.BY_TYPE.keySet());
            assertThat(overCoaps).containsExactlyInAnyOrderElementsOf(ContractProperties.BY_TYPE.keySet());
        }
    }

    @Test
    void surgeRoomReportsCo2AboveThousandWithinThirtySeconds() {
        start(fleet(Protocol.COAP, 1));

        for (String tenant : TENANTS) {
            String path = "telemetry/" + tenant + "/iaq-0001";
            Eventually.await(Duration.ofSeconds(30), () -> coap.received().stream()
                    .anyMatch(r -> r.path().equals(path) && r.json().getLong("co2") > 1000), () -> path + " stayed below 1000 ppm");
        }
    }

    @Test
    void conflictMeansAlreadyProvisionedWhileRefusedDevicesAreCountedAndLeftOut() {
        platform.answering(body -> body.getString("tenant").equals("nanan") ? 409
                : body.getString("type").equals("drone-pad") ? 400 : 201);

        start(fleet(Protocol.COAP, 1));

        assertThat(sim.devices()).hasSize(15).noneMatch(d -> d.tenant().equals("xinshengli") && d.type().equals("drone-pad"));
        assertThat(sim.stats().errors()).isEqualTo(1);
        Eventually.await(WAIT, () -> coap.received().stream().anyMatch(r -> r.path().startsWith("telemetry/nanan/")),
                () -> "no report from the already provisioned nanan devices");
    }

    @Test
    void putsTheSitesTheLayoutDescribesBeforeProvisioningTheirDevices() {
        start(fleet(Protocol.COAP, 1).withLayout(Estate.layout()).withTenants(List.of("nanan", "suzhou-bay")));

        // nanan is described by the platform, not the layout: only suzhou-bay is put
        assertThat(platform.sites()).singleElement().satisfies(put -> {
            assertThat(put.path()).isEqualTo("/api/sites/suzhou-bay");
            assertThat(put.authorization()).isEqualTo("Bearer test-token");
            assertThat(put.body().getString("name")).isEqualTo("Suzhou Bay Digital Park");
            assertThat(put.body().getString("timeZone")).isEqualTo("Asia/Shanghai");
            assertThat(put.body().getJsonArray("buildings")).isNotEmpty();
            assertThat(put.devicesBefore()).isZero();
        });
        assertThat(platform.received()).extracting(r -> r.body().getString("tenant")).contains("nanan", "suzhou-bay");
        assertThat(sim.stats().errors()).isZero();
    }

    @Test
    void aRefusedSiteIsCountedAndItsDevicesStillReport() {
        platform.answeringSites(403);
        // --rate: every device reports within a fraction of a second, not on the estate's 30 s to 5 min
        start(fleet(Protocol.COAP, 1).withLayout(Estate.layout()).withTenants(List.of("suzhou-bay")).withRate(20));

        assertThat(sim.devices()).isNotEmpty().allSatisfy(d -> assertThat(d.tenant()).isEqualTo("suzhou-bay"));
        assertThat(sim.stats().errors()).isEqualTo(1);
        assertThat(sim.lastError()).contains("site suzhou-bay: HTTP 403");
        Eventually.await(WAIT, () -> sim.stats().acked() > 0, () -> "reports of suzhou-bay: " + sim.stats());
    }

    @Test
    void failsToStartWhenThePlatformRefusesEveryDevice() {
        platform.answering(body -> 401);

        assertThatThrownBy(() -> Eventually.get(ParkSimulator.start(vertx, fleet(Protocol.COAP, 1)), WAIT))
                .hasMessageContaining("no device could be provisioned").hasMessageContaining("401");
    }

    @Test
    void countsCoapAnswersOtherThanChangedAsErrors() {
        coap.answering(ResponseCode.UNAUTHORIZED);

        start(fleet(Protocol.COAP, 1));

        Eventually.await(WAIT, () -> sim.stats().errors() >= 16, () -> "errors counted: " + sim.stats());
        assertThat(sim.stats().acked()).isZero();
        assertThat(sim.lastError()).contains("4.01");
    }

    @Test
    void leavesNoCaliforniumPropertiesFileBehind() {
        Path file = Path.of("Californium3.properties");
        assumeTrue(Files.notExists(file), "a Californium3.properties from elsewhere is already in " + Path.of("").toAbsolutePath());

        start(fleet(Protocol.COAP, 1));
        Eventually.await(WAIT, () -> !coap.received().isEmpty(), () -> "no CoAP report");

        assertThat(file).doesNotExist();
    }

    private URI requireBroker() {
        var broker = MqttTelemetryTap.brokerFromEnv();
        assumeTrue(broker.isPresent(), "set " + MqttTelemetryTap.BROKER_ENV + "=tcp://127.0.0.1:18883 with a Mosquitto "
                + "running there (e.g. 'mosquitto -p 18883') to run the MQTT cases");
        return broker.get();
    }

    /** Waits until every device of the fleet has reported at least once; keys are topics or paths. */
    private void awaitEveryDeviceReported(java.util.function.Supplier<Set<String>> keys, String transport) {
        Set<String> expected = sim.devices().stream().map(d -> "telemetry/" + d.tenant() + '/' + d.deviceId())
                .collect(Collectors.toSet());
        Eventually.await(WAIT, () -> keys.get().containsAll(expected), () -> "over " + transport + " still missing "
                + expected.stream().filter(k -> !keys.get().contains(k)).toList());
    }

    private SimDevice deviceOf(String topicOrPath) {
        Map<String, SimDevice> byKey = sim.devices().stream()
                .collect(Collectors.toMap(d -> "telemetry/" + d.tenant() + '/' + d.deviceId(), Function.identity()));
        return byKey.get(topicOrPath);
    }

    private Set<String> typesSeen(Set<String> keys) {
        return keys.stream().map(this::deviceOf).map(SimDevice::type).collect(Collectors.toSet());
    }

    private static Set<String> union(java.util.stream.Stream<String> a, java.util.stream.Stream<String> b) {
        return java.util.stream.Stream.concat(a, b).collect(Collectors.toSet());
    }

    private static void assertCarriesContractProperties(SimDevice device, JsonObject payload) {
        assertThat(device).as("a device of the fleet").isNotNull();
        assertThat(payload.getLong("ts")).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(payload.fieldNames()).containsAll(ContractProperties.BY_TYPE.get(device.type()));
    }
}
