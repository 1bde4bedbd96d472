package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken device input over both protocols: each is refused with a precise reason
 * (CoAP code and diagnostic text; MQTT drop with a counter) and the next valid message from
 * another device still arrives.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Path dataDir;
    private TestPlatform p;
    private double nextCo2 = 500;

    @BeforeAll
    void startPlatform(InfluxServer influx, @TempDir Path dir) throws Exception {
        dataDir = dir;
        p = TestPlatform.start(influx, dataDir.resolve("platform"), null, TestPlatform.ANONYMOUS_DEVICES);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void coapRejectsMalformedJsonWith400() throws Exception {
        assertCoapRefused("/telemetry/nanan/iaq-0001", "{\"co2\": 12", "4.00", "not valid JSON");
    }

    @Test
    void coapRejectsJsonArrayWith400() throws Exception {
        assertCoapRefused("/telemetry/nanan/iaq-0001", "[1,2,3]", "4.00", "must be a JSON object");
    }

    @Test
    void coapRejectsUnknownDeviceWith404() throws Exception {
        assertCoapRefused("/telemetry/nanan/iaq-9999", "{\"co2\":500}", "4.04", "not provisioned");
    }

    @Test
    void coapRejectsUnknownTenantWith404() throws Exception {
        assertCoapRefused("/telemetry/atlantis/iaq-0001", "{\"co2\":500}", "4.04", "tenant 'atlantis' is not known");
    }

    @Test
    void coapRejectsOneMebibyteWith413() throws Exception {
        Path big = bigPayload();
        ExternalCommand.Result r = DeviceClients.coapPostFile(p.platform.coapPort(), "/telemetry/nanan/iaq-0001", big);
        assertThat(r.output()).contains("4.13");
        assertValidMessageStillArrives();
    }

    @Test
    void mqttDropsMalformedJsonAndCountsIt() throws Exception {
        assertMqttDropped("iaq-0001", "{\"co2\": 12", "malformed");
    }

    @Test
    void mqttDropsJsonArrayAndCountsIt() throws Exception {
        assertMqttDropped("iaq-0001", "[1,2,3]", "malformed");
    }

    @Test
    void mqttDropsUnknownDeviceAndCountsIt() throws Exception {
        assertMqttDropped("iaq-9999", "{\"co2\":500}", "unknown_device");
    }

    @Test
    void mqttDropsUnknownTenantAndCountsIt() throws Exception {
        double before = p.counter("parkops.messages", "transport", "mqtt", "result", "unknown_tenant");
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "atlantis", "iaq-0001", "{\"co2\":500}");
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCounterAbove("unknown_tenant", before);
        assertValidMessageStillArrives();
    }

    @Test
    void mqttDropsOneMebibyteAndCountsIt() throws Exception {
        double before = p.counter("parkops.messages", "transport", "mqtt", "result", "too_large");
        ExternalCommand.Result r = DeviceClients.mosquittoPubFile("127.0.0.1", p.platform.mqttPort(), "telemetry/nanan/iaq-0001", bigPayload());
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCounterAbove("too_large", before);
        assertValidMessageStillArrives();
    }

    private void assertCoapRefused(String path, String payload, String code, String text) throws Exception {
        ExternalCommand.Result r = DeviceClients.coapPost(p.platform.coapPort(), path, payload);
        assertThat(r.output()).contains(code).contains(text);
        assertValidMessageStillArrives();
    }

    private void assertMqttDropped(String deviceId, String payload, String result) throws Exception {
        double before = p.counter("parkops.messages", "transport", "mqtt", "result", result);
        ExternalCommand.Result r = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", deviceId, payload);
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitCounterAbove(result, before);
        assertValidMessageStillArrives();
    }

    private void awaitCounterAbove(String result, double before) throws Exception {
        Eventually.await(WAIT, () -> p.counter("parkops.messages", "transport", "mqtt", "result", result),
                c -> c > before, "the " + result + " counter to move");
    }

    /** Another device's valid reading arrives over each protocol after the bad one. */
    private void assertValidMessageStillArrives() throws Exception {
        double mqttValue = nextCo2++;
        DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003", "{\"co2\":" + mqttValue + "}");
        awaitTwin(mqttValue);
        double coapValue = nextCo2++;
        ExternalCommand.Result r = DeviceClients.coapPost(p.platform.coapPort(), "/telemetry/nanan/iaq-0003", "{\"co2\":" + coapValue + "}");
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitTwin(coapValue);
    }

    private void awaitTwin(double co2) throws Exception {
        Eventually.await(WAIT, () -> p.get("/api/2/things/nanan:iaq-0003/features/environment/properties/co2").body(),
                b -> b.equals(String.valueOf(co2)) || b.equals(String.valueOf((long) co2)), "iaq-0003 co2 = " + co2);
    }

    private Path bigPayload() throws Exception {
        Path file = dataDir.resolve("big.json");
        if (!Files.exists(file)) {
            StringBuilder sb = new StringBuilder(1 << 20).append("{\"co2\":500,\"note\":\"");
            while (sb.length() < (1 << 20) - 2) {
                sb.append('x');
            }
            Files.writeString(file, sb.append("\"}"));
        }
        return file;
    }
}
