package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.parkops.testing.ExternalCommand;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Far more load than InfluxDB takes (here: none, it is unreachable, and the spool is tiny): the
 * platform pushes back instead of buffering. MQTT stops acknowledging once the spool is nearly
 * full (the device holds the rest: its PUBACKs wait for room), CoAP answers 5.03 with Max-Age, {@code /health} answers and
 * says DEGRADED, no point is dropped, and the heap does not grow with the offered load.
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class BackpressureTest {

    private static final int RECEIVE_MAXIMUM = 100;
    private static final int WAVE = 1_500;
    private static final long BASE_TS = System.currentTimeMillis() - 3_600_000;

    @Test
    void theHeapStaysBoundedAndNothingIsDroppedUnderOverload(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null, Map.of(
                "PARKOPS_INFLUX_URL", "http://127.0.0.1:" + FreePort.tcp(), // nobody listens: every point goes to the spool
                "PARKOPS_SPOOL_MAX_BYTES", String.valueOf(1 << 16),
                "PARKOPS_INFLUX_FLUSH_INTERVAL_MS", "100",
                "PARKOPS_MQTT_RECEIVE_MAXIMUM", String.valueOf(RECEIVE_MAXIMUM),
                "PARKOPS_INGEST_MAX_IN_FLIGHT", "50",
                "PARKOPS_INGEST_RETRY_AFTER_SECONDS", "7",
                "PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true",
                "PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true"))) {
            Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("flood").serverHost("127.0.0.1")
                    .serverPort(p.platform.mqttPort()).buildAsync();
            device.connectWith().send().get(10, TimeUnit.SECONDS);

            List<CompletableFuture<?>> acks = new ArrayList<>(flood(device, 0));
            Eventually.await(Duration.ofSeconds(60), () -> p.get("/health", null).body(), b -> b.contains("backpressure"),
                    "health to report backpressure");
            long heapAfterFirstWave = usedHeapAfterGc();
            acks.addAll(flood(device, WAVE));
            acks.addAll(flood(device, 2 * WAVE));
            Thread.sleep(2_000);
            long heapAfterThreeWaves = usedHeapAfterGc();

            JsonObject health = new JsonObject(p.get("/health", null).body());
            assertThat(health.getString("status")).isEqualTo("DEGRADED");
            assertThat(health.getJsonArray("checks").stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals("spool"))
                    .findFirst().orElseThrow().getString("status")).isEqualTo("DEGRADED");
            assertThat(p.gauge("parkops.mqtt.ingress.waiting")).isLessThanOrEqualTo(RECEIVE_MAXIMUM);
            assertThat(p.gauge("parkops.ingest.in.flight")).isLessThanOrEqualTo(50);
            assertThat(heapAfterThreeWaves - heapAfterFirstWave).as("heap growth over two more waves").isLessThan(64L << 20);

            // nothing silently dropped: every accepted message is one point, each in the spool or the writer's queue
            assertThat(p.counter("parkops.influx.points.dropped")).isZero();
            double accepted = p.counter("parkops.messages", "transport", "mqtt", "result", "accepted");
            assertThat(accepted).isLessThan(3 * WAVE);
            long acknowledged = acks.stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count();
            assertThat(acknowledged).as("PUBACKs (only for stored messages)").isLessThanOrEqualTo((long) accepted);
            Eventually.await(Duration.ofSeconds(10), () -> p.gauge("parkops.spool.points") + p.gauge("parkops.influx.queue.depth"),
                    n -> n == accepted, "accepted = spooled + queued (" + accepted + ")");

            ExternalCommand.Result coap = DeviceClients.coapPost(p.platform.coapPort(), "/telemetry/nanan/iaq-0003", "{\"co2\":450}");
            assertThat(coap.output()).contains("5.03").contains("overloaded").contains("spool is nearly full");
            CoapClient client = new CoapClient("coap://127.0.0.1:" + p.platform.coapPort() + "/telemetry/nanan/iaq-0003");
            try {
                CoapResponse response = client.setTimeout(5_000L).post("{\"co2\":451}", MediaTypeRegistry.APPLICATION_JSON);
                assertThat(response.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
                assertThat(response.getOptions().getMaxAge()).isEqualTo(7L);
            } finally {
                client.shutdown();
            }
            assertThat(p.counter("parkops.messages", "transport", "coap", "result", "overloaded")).isGreaterThanOrEqualTo(2);

            // QoS 0 has nobody to slow down: without room it is dropped and counted, never queued
            double qos0Before = p.counter("parkops.messages", "transport", "mqtt", "result", "overloaded");
            ExternalCommand.Result qos0 = DeviceClients.mosquittoPub("127.0.0.1", p.platform.mqttPort(), "nanan", "iaq-0003",
                    "{\"co2\":452}", 0);
            assertThat(qos0.exitCode()).as(qos0.output()).isZero();
            Eventually.await(Duration.ofSeconds(10), () -> p.counter("parkops.messages", "transport", "mqtt", "result", "overloaded"),
                    n -> n > qos0Before, "a QoS 0 message without room dropped and counted as overloaded");
            device.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Far more CoAP messages than the gate lets in at once, with InfluxDB up: each one's permit comes
     * back when its points are queued, so every message gets its 2.04 (a 5.03 while the pipeline is
     * momentarily behind is retried, as a device would after Max-Age) and the gate ends empty. (A
     * permit kept by CoAP messages once shut the gate for every device after the first thousand.)
     */
    @Test
    void coapMessagesGiveTheirPermitsBack(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (TestPlatform p = TestPlatform.start(influx, dir, null, Map.of(
                "PARKOPS_INGEST_MAX_IN_FLIGHT", "20",
                "PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true"))) {
            CoapClient client = new CoapClient("coap://127.0.0.1:" + p.platform.coapPort() + "/telemetry/nanan/iaq-0002");
            try {
                client.setTimeout(5_000L);
                for (int i = 0; i < 100; i++) {
                    String json = "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (500 + i) + "}";
                    CoapResponse response = client.post(json, MediaTypeRegistry.APPLICATION_JSON);
                    for (int retry = 0; retry < 20 && response.getCode() == ResponseCode.SERVICE_UNAVAILABLE; retry++) {
                        Thread.sleep(100);
                        response = client.post(json, MediaTypeRegistry.APPLICATION_JSON);
                    }
                    assertThat(response.getCode()).as("message %d: %s", i, response.getResponseText())
                            .isEqualTo(ResponseCode.CHANGED);
                }
            } finally {
                client.shutdown();
            }
            Eventually.await(Duration.ofSeconds(10), () -> p.gauge("parkops.ingest.in.flight"), n -> n == 0,
                    "every permit back");
            Eventually.await(Duration.ofSeconds(20), () -> influx.rows(p.influxDb,
                    "SELECT co2 FROM environment WHERE thing = 'nanan:iaq-0002'").size(), n -> n == 100, "100 points");
        }
    }

    /** One wave of QoS 1 messages for three devices, each with its own timestamp; does not wait for PUBACKs. */
    private static List<CompletableFuture<?>> flood(Mqtt5AsyncClient device, int from) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = from; i < from + WAVE; i++) {
            String json = "{\"ts\":" + (BASE_TS + i) + ",\"co2\":" + (400 + i % 500) + "}";
            acks.add(device.publishWith().topic("telemetry/nanan/iaq-000" + (1 + i % 3)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(json.getBytes(StandardCharsets.UTF_8)).send());
        }
        return acks;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
