package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device authentication with real clients against the default configuration: mosquitto_pub
 * signs in with {@code {deviceId}@{tenant}} and a password; coap-client-openssl signs in with a
 * DTLS PSK; plain coap-client-notls is refused. No device can write another device's twin, on
 * any path: every refused attempt is followed by a legitimate reading of the victim, and the
 * refused value never shows in its twin.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class DeviceAuthTest {

    /** A CoAP response code as coap-client prints it, not the same digits inside its log timestamps (12:14:42.047). */
    private static final String CODE_2_04 = "(^|\\s)2\\.04\\b";
    private static final String CODE_4_0X = "(^|\\s)4\\.0\\d\\b";

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration CLIENT = Duration.ofSeconds(20);

    private TestPlatform p;
    private InfluxServer influx;
    private double next = 400;

    @BeforeAll
    void startPlatform(InfluxServer server, @TempDir Path dir) throws Exception {
        influx = server;
        p = TestPlatform.start(influx, dir, null);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void mqttDeviceWithItsPasswordIsAccepted() throws Exception {
        double v = next++;
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0001", co2(v));
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCo2("iaq-0001", v);
    }

    @Test
    void mqttWrongPasswordIsRefused() throws Exception {
        double before = authRefused("mqtt", "wrong_password");
        ExternalCommand.Result r = mosquittoPub("iaq-0002@nanan", "not-the-password", "telemetry/nanan/iaq-0002", co2(9001));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("bad user name or password");
        assertThat(authRefused("mqtt", "wrong_password")).isGreaterThan(before);
        assertNeverWritten("iaq-0002", 9001);
    }

    @Test
    void mqttUnknownDeviceMalformedUsernameAndNoUsernameAreRefused() throws Exception {
        assertThat(mosquittoPub("iaq-9999@nanan", "secret", "telemetry/nanan/iaq-9999", co2(1)).output())
                .containsIgnoringCase("bad user name or password");
        assertThat(mosquittoPub("iaq-0001", "secret", "telemetry/nanan/iaq-0001", co2(1)).output())
                .containsIgnoringCase("bad user name or password");
        ExternalCommand.Result anonymous = ExternalCommand.run(CLIENT, "mosquitto_pub", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-t", "telemetry/nanan/iaq-0001", "-m", co2(9002));
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).containsIgnoringCase("not authori");
        assertThat(authRefused("mqtt", "unknown_device")).isPositive();
        assertThat(authRefused("mqtt", "malformed_username")).isPositive();
        assertThat(authRefused("mqtt", "no_username")).isPositive();
        assertNeverWritten("iaq-0001", 9002);
    }

    @Test
    void mqttDeviceCannotPublishToAnotherDevicesTopic() throws Exception {
        double before = p.counter("parkops.device.denied", "transport", "mqtt", "action", "publish");
        ExternalCommand.Result v5 = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "telemetry/nanan/iaq-0003", "-m", co2(9003));
        assertThat(v5.output()).containsIgnoringCase("not authorized");
        // MQTT 3.1.1 has no reason code on PUBACK: HiveMQ disconnects the client instead
        ExternalCommand.Result v311 = mosquittoPub("iaq-0001@nanan", TestPlatform.DEVICE_PASSWORD, "event/nanan/iaq-0003", co2(9004));
        assertThat(v311.exitCode()).as(v311.output()).isNotZero();
        assertThat(p.counter("parkops.device.denied", "transport", "mqtt", "action", "publish")).isGreaterThanOrEqualTo(before + 2);
        assertNeverWritten("iaq-0003", 9003);
        assertNeverWritten("iaq-0003", 9004);
    }

    @Test
    void mqttDeviceCannotAnswerOrReadAnotherDevicesCommands() throws Exception {
        ExternalCommand.Result answer = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "command/nanan/iaq-0002/res/req-1/200", "-m", "{}");
        assertThat(answer.output()).containsIgnoringCase("not authorized");
        ExternalCommand.Result listen = ExternalCommand.run(CLIENT, "mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "command/nanan/iaq-0002/req/#", "-W", "3");
        assertThat(listen.output()).containsIgnoringCase("denied");
        ExternalCommand.Result own = ExternalCommand.run(CLIENT, "mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD,
                "-t", "command/nanan/iaq-0001/req/#", "-W", "2");
        assertThat(own.output()).doesNotContainIgnoringCase("denied").containsIgnoringCase("timed out");
        assertThat(p.counter("parkops.device.denied", "transport", "mqtt", "action", "subscribe")).isPositive();
    }

    @Test
    void aCrewSignsInWithItsApiTokenAndReadsAlertsButNothingElse() throws Exception {
        String token = p.newToken("roof-crew", "operator");
        String port = String.valueOf(p.platform.mqttPort());
        JsonObject alert = MqttScenarios.crewSeesTheAlert(p, token, "alerts/nanan/iaq-0003");
        assertThat(alert.getString("thingId")).isEqualTo("nanan:iaq-0003");
        assertThat(alert.getString("state")).isEqualTo("ACTIVE_UNACK");

        ExternalCommand.Result publish = ExternalCommand.run(CLIENT, "mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", port, "-q", "1", "-u", "roof-crew", "-P", token, "-t", "alerts/nanan/iaq-0003", "-m", "{}");
        assertThat(publish.output()).containsIgnoringCase("not authorized");
        ExternalCommand.Result everything = ExternalCommand.run(CLIENT, "mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", port, "-u", "roof-crew", "-P", token, "-t", "#", "-W", "3");
        assertThat(everything.output()).containsIgnoringCase("denied");
        ExternalCommand.Result revoked = ExternalCommand.run(CLIENT, "mosquitto_sub", "-h", "127.0.0.1", "-p", port,
                "-u", "roof-crew", "-P", token + "x", "-t", "alerts/#", "-W", "3");
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).containsIgnoringCase("bad user name or password");
    }

    @Test
    void aDeletedDeviceCannotSignInAgainWithItsCachedPassword() throws Exception {
        double v = next++;
        assertThat(DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "em-0001", "{\"activePower\":" + v + "}")
                .exitCode()).isZero();
        assertThat(p.send("DELETE", "/api/devices/nanan/em-0001", null, TestPlatform.ADMIN_TOKEN).statusCode()).isEqualTo(204);
        ExternalCommand.Result again = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "em-0001", "{\"activePower\":1}");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).containsIgnoringCase("bad user name or password");
    }

    @Test
    void aDeviceProvisionedWithAHashSignsInWithTheOriginalPassword() throws Exception {
        // hashed by the integrator's tool, not by ParkOps: the platform keeps it as given
        String hash = OpenBSDBCrypt.generate("2b", "field-pw-7".toCharArray(), "sixteen-byte-slt".getBytes(), 10);
        var created = p.post("/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"iaq-h1\",\"type\":\"iaq-sensor\","
                + "\"credentials\":{\"passwordHash\":\"" + hash + "\",\"psk\":\"iaq-h1-key\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(hash);

        double v = next++;
        ExternalCommand.Result r = mosquittoPub("iaq-h1@nanan", "field-pw-7", "telemetry/nanan/iaq-h1", co2(v));
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCo2("iaq-h1", v);
        ExternalCommand.Result theHashItself = mosquittoPub("iaq-h1@nanan", hash, "telemetry/nanan/iaq-h1", co2(9008));
        assertThat(theHashItself.output()).containsIgnoringCase("bad user name or password");
        // the PSK came in clear beside the hash (no hash yields a DTLS key)
        double overCoaps = next++;
        ExternalCommand.Result coaps = DeviceClients.coapsPost(p.platform.coapsPort(), "iaq-h1@nanan", "iaq-h1-key", "/telemetry",
                co2(overCoaps));
        assertThat(coaps.exitCode()).as(coaps.output()).isZero();
        awaitCo2("iaq-h1", overCoaps);
        String where = "FROM environment WHERE thing = 'nanan:iaq-h1' AND co2 = ";
        Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT co2 " + where + (long) overCoaps), rows -> !rows.isEmpty(),
                "the CoAPS point");
        assertThat(influx.rows(p.influxDb, "SELECT co2 " + where + "9008")).isEmpty();
    }

    @Test
    void coapsDeviceIsAcceptedOnTheShortAndItsOwnLongPath() throws Exception {
        double shortPath = next++;
        ExternalCommand.Result r = DeviceClients.coapsPost(p.platform.coapsPort(), "iaq-0001@nanan", "iaq-0001-key", "/telemetry",
                co2(shortPath));
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCo2("iaq-0001", shortPath);
        double longPath = next++;
        r = DeviceClients.coapsPost(p.platform.coapsPort(), "iaq-0001@nanan", "iaq-0001-key", "/telemetry/nanan/iaq-0001",
                co2(longPath));
        assertThat(r.output()).doesNotContainPattern(CODE_4_0X);
        awaitCo2("iaq-0001", longPath);
    }

    @Test
    void coapsDeviceNamingAnotherDevicesPathGets403() throws Exception {
        ExternalCommand.Result r = DeviceClients.coapsPost(p.platform.coapsPort(), "iaq-0001@nanan", "iaq-0001-key",
                "/telemetry/nanan/iaq-0002", co2(9005));
        assertThat(r.output()).contains("4.03").contains("iaq-0001@nanan");
        ExternalCommand.Result answer = ExternalCommand.run(CLIENT, "coap-client-openssl", "-m", "post", "-u", "iaq-0001@nanan",
                "-k", "iaq-0001-key", "coaps://127.0.0.1:" + p.platform.coapsPort() + "/command/res/nanan/iaq-0002/req-1?hono-cmd-status=200");
        assertThat(answer.output()).contains("4.03");
        assertNeverWritten("iaq-0002", 9005);
    }

    @Test
    void coapsDeviceGetsItsCommandOnThe204AndAnswersOnTheShortPath() throws Exception {
        assertThat(p.post("/api/devices", "{\"tenant\":\"xinshengli\",\"deviceId\":\"hvac-s1\",\"type\":\"hvac-loop\","
                + "\"credentials\":{\"psk\":\"hvac-s1-key\"}}").statusCode()).isEqualTo(201);
        String thing = "/api/2/things/xinshengli:hvac-s1";
        Eventually.await(WAIT, () -> p.get(thing).statusCode(), s -> s == 200, "the twin");
        assertThat(p.send("PUT", thing + "/features/loop/desiredProperties/setpoint", "23", TestPlatform.ADMIN_TOKEN).statusCode())
                .isEqualTo(201);
        ExternalCommand.Result next = Eventually.await(WAIT, () -> DeviceClients.coapsPost(p.platform.coapsPort(), "hvac-s1@xinshengli",
                "hvac-s1-key", "/telemetry", "{\"processValue\":21.0,\"setpoint\":22.0}"), r -> r.stdout().contains("setpoint"),
                "a command on the 2.04");
        assertThat(next.stdout()).contains("23");
        String reqId = Eventually.await(WAIT, () -> MqttScenarios.commandOf(p, thing), c -> c != null && "sent".equals(c.getString("state")),
                "the command sent").getString("reqId");

        ExternalCommand.Result answer = ExternalCommand.run(CLIENT, "coap-client-openssl", "-m", "post", "-u", "hvac-s1@xinshengli",
                "-k", "hvac-s1-key", "coaps://127.0.0.1:" + p.platform.coapsPort() + "/command/res/" + reqId + "?hono-cmd-status=200");
        assertThat(answer.output()).doesNotContainPattern(CODE_4_0X);
        Eventually.await(WAIT, () -> MqttScenarios.commandOf(p, thing), c -> "acknowledged".equals(c.getString("state")), "the command acknowledged");
    }

    @Test
    void coapsWithAWrongKeyIsRefused() throws Exception {
        double before = authRefused("coaps", "wrong_key");
        ExternalCommand.Result r = ExternalCommand.run(CLIENT, "coap-client-openssl", "-B", "4", "-m", "post", "-t", "50",
                "-u", "iaq-0003@nanan", "-k", "not-the-key", "-e", co2(9006), "coaps://127.0.0.1:" + p.platform.coapsPort() + "/telemetry");
        assertThat(r.output()).doesNotContainPattern(CODE_2_04); // not "2.04" alone: the client's log time can hold it
        Eventually.await(WAIT, () -> authRefused("coaps", "wrong_key"), c -> c > before, "the wrong key to be counted");
        assertNeverWritten("iaq-0003", 9006);
    }

    @Test
    void plainCoapIsRefusedWith401ByDefault() throws Exception {
        ExternalCommand.Result r = DeviceClients.coapPost(p.platform.coapPort(), "/telemetry/nanan/iaq-0001", co2(9007));
        assertThat(r.output()).contains("4.01").contains("CoAPS").contains("PARKOPS_COAP_ALLOW_UNAUTHENTICATED");
        assertThat(authRefused("coap", "unauthenticated")).isPositive();
        assertNeverWritten("iaq-0001", 9007);
    }

    @Test
    void plainCoapIsAcceptedWhereAllowed(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform lab = TestPlatform.start(influx, dir, null,
                java.util.Map.of("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true"))) {
            ExternalCommand.Result r = DeviceClients.coapPost(lab.platform.coapPort(), "/telemetry/nanan/iaq-0002", co2(777));
            assertThat(r.exitCode()).as(r.output()).isZero();
            Eventually.await(WAIT, () -> lab.get("/api/2/things/nanan:iaq-0002/features/environment/properties/co2").body(),
                    b -> b.equals("777") || b.equals("777.0"), "iaq-0002 co2 = 777 over plain CoAP");
            // the MQTT side keeps authentication: that setting is separate
            assertThat(ExternalCommand.run(CLIENT, "mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(lab.platform.mqttPort()),
                    "-t", "telemetry/nanan/iaq-0002", "-m", co2(1)).exitCode()).isNotZero();
        }
    }

    private ExternalCommand.Result mosquittoPub(String username, String password, String topic, String payload) {
        return ExternalCommand.run(CLIENT, "mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(p.platform.mqttPort()),
                "-q", "1", "-u", username, "-P", password, "-t", topic, "-m", payload);
    }

    /**
     * The victim's own next reading arrives in its twin and in InfluxDB, and InfluxDB (which gets a
     * point for every accepted reading) never saw the refused value for it.
     */
    private void assertNeverWritten(String deviceId, double refused) throws Exception {
        double own = next++;
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", deviceId, co2(own));
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCo2(deviceId, own);
        String where = "FROM environment WHERE thing = 'nanan:" + deviceId + "' AND co2 = ";
        Eventually.await(WAIT, () -> influx.rows(p.influxDb, "SELECT co2 " + where + (long) own), rows -> !rows.isEmpty(),
                deviceId + "'s own point");
        assertThat(influx.rows(p.influxDb, "SELECT co2 " + where + (long) refused)).isEmpty();
    }

    private void awaitCo2(String deviceId, double co2) throws Exception {
        Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:" + deviceId + "/features/environment/properties/co2").body(),
                b -> b.equals(String.valueOf(co2)) || b.equals(String.valueOf((long) co2)), deviceId + " co2 = " + co2);
    }

    private double authRefused(String transport, String reason) {
        return p.counter("parkops.device.auth", "transport", transport, "result", "refused", "reason", reason);
    }

    private static String co2(double value) {
        return "{\"co2\":" + (long) value + "}";
    }
}
