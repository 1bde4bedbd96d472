package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken device input over both protocols: each is refused with a precise reason
 * (CoAP code and diagnostic text; MQTT 5 PUBACK reason code and text; MQTT 3.1.1 drop with a
 * counter) and the next valid message from
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

    /** MQTT 5 lets the broker say no: the PUBACK carries the reason code and the text (read by two real clients). */
    @Test
    void mqtt5DeviceHearsWhyItsMessageWasRefused() throws Exception {
        ExternalCommand.Result r = ExternalCommand.run(WAIT, "mosquitto_pub", "-V", "mqttv5", "-d", "-h", "127.0.0.1",
                "-p", String.valueOf(p.platform.mqttPort()), "-q", "1", "-i", "mqtt5-bad", "-t", "telemetry/nanan/iaq-0001",
                "-m", "{\"co2\": 12");
        assertThat(r.output()).as("PUBACK with 0x99 payload format invalid").contains("received PUBACK").contains("RC:153");

        Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("mqtt5-reasons").serverHost("127.0.0.1")
                .serverPort(p.platform.mqttPort()).buildAsync();
        device.connect().get(10, TimeUnit.SECONDS);
        try {
            assertPubAck(device, "telemetry/nanan/iaq-0002", "{\"co2\": 12", Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    "not valid JSON");
            assertPubAck(device, "telemetry/nanan/iaq-9999", "{\"co2\":500}", Mqtt5PubAckReasonCode.NOT_AUTHORIZED, "not provisioned");
            assertPubAck(device, "telemetry/nanan", "{\"co2\":500}", Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, "telemetry/{tenant}/{deviceId}");
        } finally {
            device.disconnect().get(5, TimeUnit.SECONDS);
        }
        assertValidMessageStillArrives();
    }

    private static void assertPubAck(Mqtt5AsyncClient device, String topic, String payload, Mqtt5PubAckReasonCode code, String text)
            throws Exception {
        Throwable error;
        try {
            error = device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send().get(10, TimeUnit.SECONDS).getError().orElse(null);
        } catch (ExecutionException e) {
            error = e.getCause();
        }
        assertThat(error).as(topic + " " + payload).isInstanceOf(Mqtt5PubAckException.class);
        Mqtt5PubAck ack = ((Mqtt5PubAckException) error).getMqttMessage();
        assertThat(ack.getReasonCode()).isEqualTo(code);
        assertThat(ack.getReasonString().map(Object::toString).orElse("")).contains(text);
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
