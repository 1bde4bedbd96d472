package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer cannot store everything it is given: the spool holds 64 KiB, and InfluxDB hangs while
 * 300 devices each put a whole meter reading on its way (about 80 KiB in all, the gate lets them
 * through while the spool is empty); then InfluxDB fails and the writer spools what it holds.
 * Whatever does not fit is refused (MQTT 5 reason "unspecified error" with the reason text), and
 * every message acknowledged has its point in the spool: acknowledged = stored, exactly.
 *
 * <p>The test decides when InfluxDB fails ({@link StalledInflux}), once the writer holds more than
 * the spool takes: with an InfluxDB that is simply away, or one that hangs until a timeout, how much
 * is on its way when the spool fills depends on the machine's speed, and on a quick one nothing was
 * refused (CI failed it so).
 */
@ExtendWith(RealServices.class)
@Timeout(150)
class WriterFullTest {

    private static final int DEVICES = 300;
    private static final int EACH = 4;
    /** More readings than the spool's 64 KiB takes (about 276 bytes each), all on their way before InfluxDB fails. */
    static final int ON_THEIR_WAY = 270;
    /**
     * A whole meter reading, one point of eleven fields (about 300 bytes in the spool): the devices'
     * first messages alone are more than the spool's last tenth, so some are on their way when it fills.
     */
    static final String METER_READING = ",\"activePower\":12.5,\"activeEnergyImport\":10345.25,\"reactivePower\":1.25,"
            + "\"powerFactor\":0.98,\"voltageL1\":230.1,\"voltageL2\":229.8,\"voltageL3\":231.2,\"currentL1\":18.25,"
            + "\"currentL2\":17.5,\"currentL3\":18.75,\"frequency\":50.01";

    @Test
    void noDeviceIsAcknowledgedForAPointThatIsNotStored(InfluxServer influx, @TempDir Path dir) throws Exception {
        try (StalledInflux stalled = new StalledInflux();
             TestPlatform p = TestPlatform.start(influx, dir, null, Map.of(
                "PARKOPS_INFLUX_URL", stalled.url(),
                "PARKOPS_SPOOL_MAX_BYTES", String.valueOf(1 << 16),
                "PARKOPS_INFLUX_BATCH_SIZE", "50", // about 14 KB a spooled batch: four fit, the rest does not
                "PARKOPS_INFLUX_FLUSH_INTERVAL_MS", "200",
                "PARKOPS_INGEST_MAX_IN_FLIGHT", "5000",
                "PARKOPS_MQTT_ALLOW_UNAUTHENTICATED", "true"))) {
            long base = System.currentTimeMillis() - 3_600_000;
            List<Mqtt5AsyncClient> devices = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("device-" + d).serverHost("127.0.0.1")
                        .serverPort(p.platform.mqttPort()).buildAsync();
                device.connectWith().send().get(10, TimeUnit.SECONDS);
                devices.add(device);
            }
            AtomicInteger acknowledged = new AtomicInteger();
            Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
            List<CompletableFuture<?>> answers = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                for (int d = 0; d < DEVICES; d++) {
                    String json = "{\"ts\":" + (base + i * DEVICES + d) + METER_READING + "}";
                    answers.add(devices.get(d).publishWith().topic("telemetry/nanan/em-0001")
                            .qos(MqttQos.AT_LEAST_ONCE).payload(json.getBytes(StandardCharsets.UTF_8)).send()
                            .whenComplete((result, error) -> {
                                if (error == null) {
                                    acknowledged.incrementAndGet();
                                } else {
                                    refusals.computeIfAbsent(refusalOf(error), k -> new AtomicInteger()).incrementAndGet();
                                }
                            }));
                }
            }
            // one reading of every device waits in the writer's queue (a device has one message in flight on this broker)
            Eventually.await(Duration.ofSeconds(60), () -> p.gauge("parkops.influx.queue.depth"), n -> n >= ON_THEIR_WAY,
                    ON_THEIR_WAY + " readings on their way to the stalled InfluxDB");
            assertThat(acknowledged.get()).as("nothing acknowledged while nothing is stored").isZero();
            stalled.fail(); // the writer spools what it holds: a few batches fit, the rest does not
            Eventually.await(Duration.ofSeconds(30), () -> p.counter("parkops.messages", "transport", "mqtt", "result", "not_stored"),
                    refused -> refused > 0, "messages that did not fit the spool to be refused");
            Eventually.await(Duration.ofSeconds(30), () -> (double) acknowledged.get() - p.gauge("parkops.spool.points"),
                    diff -> diff == 0, "acknowledged = spooled");
            Thread.sleep(1_000);
            assertThat((double) acknowledged.get()).as("acknowledged, a second later").isEqualTo(p.gauge("parkops.spool.points"));
            assertThat(acknowledged.get()).as("some were stored").isPositive();
            assertThat(acknowledged.get()).as("not all fit").isLessThan(DEVICES * EACH);
            // points that did not fit the spool were refused, counted, and not acknowledged
            double notStored = p.counter("parkops.messages", "transport", "mqtt", "result", "not_stored");
            assertThat(notStored).as("messages on their way when the spool filled, refused").isPositive();
            assertThat(p.counter("parkops.influx.points.dropped")).as("points that did not fit").isEqualTo(notStored);
            assertThat(refusals.values().stream().mapToInt(AtomicInteger::get).sum()).as("refused PUBACKs").isEqualTo((int) notStored);
            assertThat(refusals.keySet()).allMatch(r -> r.contains("UNSPECIFIED_ERROR") || r.contains("not stored"));
            for (Mqtt5AsyncClient device : devices) {
                device.disconnect();
            }
        }
    }

    private static String refusalOf(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException e) {
            Mqtt5PubAckReasonCode code = e.getMqttMessage().getReasonCode();
            return code.name() + " " + e.getMqttMessage().getReasonString().map(Object::toString).orElse("");
        }
        return cause.toString();
    }
}
