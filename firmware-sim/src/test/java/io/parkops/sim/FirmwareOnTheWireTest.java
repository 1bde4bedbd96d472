package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.sim.fault.FaultPlan;
import io.parkops.testing.MosquittoServer;
import io.parkops.testing.RealServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The firmware's behaviour as other software sees it: faults as {@code mosquitto_sub} receives
 * them, buffering across a real broker outage, back-off on 5.03 and 4.29 from a real
 * Californium server, and the fleet's message rate.
 */
@ExtendWith(RealServices.class)
@Timeout(90)
class FirmwareOnTheWireTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Vertx vertx;
    private ParkSimulator sim;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        Eventually.get(vertx.close(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopSim() {
        if (sim != null) {
            Eventually.get(sim.stop(), Duration.ofSeconds(20));
        }
    }

    /** A fleet of one tenant that nothing else publishes for, without provisioning (no platform here). */
    private static SimOptions fleet(String tenant, Protocol protocol) {
        return SimOptions.defaults().withTenants(List.of(tenant)).withProvisioning(false).withProtocol(protocol)
                .withInterval(Duration.ofMillis(100)).withSeed(3);
    }

    private ParkSimulator start(SimOptions options) {
        sim = Eventually.get(ParkSimulator.start(vertx, options), WAIT);
        return sim;
    }

    @Test
    void mosquittoSubSeesTheDuplicatesOutOfOrderAndMalformedMessagesTheSummaryCounts(MosquittoServer broker) throws Exception {
        String tenant = "faults" + System.nanoTime() % 100_000; // after a dash a letter, so no "-" before the number
        List<String> lines = new CopyOnWriteArrayList<>();
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", broker.host(), "-p", Integer.toString(broker.port()),
                "-t", "telemetry/" + tenant + "/#", "-q", "1", "-v").redirectErrorStream(true).start();
        Thread reader = new Thread(() -> readLines(sub, lines));
        reader.start();
        try {
            Thread.sleep(300); // let the subscription land before devices publish
            start(fleet(tenant, Protocol.MQTT).withMqtt(broker.host(), broker.port()).withFleet(List.of(tenant), 1)
                    .withFaults(FaultPlan.parse("duplicate=1,reorder=1,malformed=1", 0)));
            Eventually.await(WAIT, () -> sim.stats().faultsInjected().size() == 3 && lines.size() > 150,
                    () -> "faults so far " + sim.stats().faultsInjected() + ", lines " + lines.size());
        } finally {
            sim.stop();
            Thread.sleep(500);
            sub.destroy();
            reader.join(5_000);
        }

        Map<String, List<String>> byTopic = new HashMap<>();
        lines.forEach(line -> byTopic.computeIfAbsent(line.substring(0, line.indexOf(' ')), t -> new ArrayList<>())
                .add(line.substring(line.indexOf(' ') + 1)));
        int duplicates = 0;
        int backwards = 0;
        int malformed = 0;
        for (List<String> payloads : byTopic.values()) {
            long previousTs = Long.MIN_VALUE;
            for (int i = 0; i < payloads.size(); i++) {
                duplicates += i > 0 && payloads.get(i).equals(payloads.get(i - 1)) ? 1 : 0;
                Long ts = tsOf(payloads.get(i));
                if (ts == null) {
                    malformed++;
                } else {
                    backwards += ts < previousTs ? 1 : 0;
                    previousTs = ts;
                }
            }
        }
        assertThat(byTopic).hasSize(8);
        assertThat(duplicates).as("duplicates").isPositive();
        assertThat(backwards).as("out-of-order").isPositive();
        assertThat(malformed).as("malformed").isPositive();
        assertThat(sim.stats().summary()).contains("duplicate=").contains("reorder=").contains("malformed=");
    }

    @Test
    void buffersWhileTheBrokerIsDownAndFlushesOnReconnect() throws Exception {
        try (PrivateMosquitto broker = new PrivateMosquitto().start()) {
            start(fleet("outage", Protocol.MQTT).withMqtt("127.0.0.1", broker.port()).withTotalDevices(4).withBufferPerDevice(500));
            Eventually.await(WAIT, () -> sim.stats().acked() >= 20, () -> "before the outage: " + sim.stats());

            broker.stop();
            long down = System.currentTimeMillis();
            Eventually.await(WAIT, () -> sim.stats().connected() == 0, () -> "still connected: " + sim.stats());
            Eventually.await(WAIT, () -> sim.stats().buffered() >= 4 * 15, () -> "buffering: " + sim.stats());
            assertThat(sim.stats().droppedFromBuffer()).isZero();

            broker.start();
            long up = System.currentTimeMillis();
            try (MqttTelemetryTap tap = new MqttTelemetryTap(URI.create("tcp://127.0.0.1:" + broker.port()))) {
                Eventually.await(WAIT, () -> sim.stats().reconnects() >= 4 && sim.stats().buffered() == 0,
                        () -> "after the outage: " + sim.stats());
                Eventually.await(WAIT, () -> tap.received().stream().filter(r -> r.json().getLong("ts") > down
                        && r.json().getLong("ts") < up).count() >= 4 * 10, () -> "flushed: " + tap.received().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ResponseCode.class, names = {"SERVICE_UNAVAILABLE", "TOO_MANY_REQUESTS"})
    void backsOffAsLongAsMaxAgeSaysAndThenDeliversWhatItKept(ResponseCode code) throws Exception {
        try (TelemetryCoapServer coap = new TelemetryCoapServer().refusingFirst(1, code, 2)) {
            long started = System.currentTimeMillis();
            start(fleet("backoff", Protocol.COAP).withCoap("127.0.0.1", coap.port()).withTotalDevices(1));

            Eventually.await(WAIT, () -> coap.received().size() >= 10, () -> "accepted after the back-off: " + coap.received().size());
            long waited = System.currentTimeMillis() - started;
            SimStats stats = sim.stats();
            assertThat(stats.backoffs()).isEqualTo(1);
            assertThat(stats.refusedByCode()).containsEntry(code.toString(), 1L);
            assertThat(waited).as("Max-Age 2 s was honoured").isGreaterThanOrEqualTo(2_000);
            assertThat(coap.refused()).hasSize(1);
            assertThat(coap.received().get(0).payload()).as("the refused report is sent again first")
                    .isEqualTo(coap.refused().get(0));
        }
    }

    @Test
    void holdsTheFleetRateWithinTenPercent() {
        try (TelemetryCoapServer coap = new TelemetryCoapServer()) {
            start(fleet("rate", Protocol.COAP).withCoap("127.0.0.1", coap.port()).withTotalDevices(100).withRate(200));
            assertThat(sim.fleetIntervalMillis()).isEqualTo(500);

            Eventually.await(WAIT, () -> coap.received().size() >= 200, () -> "warming up: " + coap.received().size());
            // the fleet's schedule, read from the reports' own timestamps: a pause in delivery (GC, a busy
            // machine) moves when a report arrives, not the reading it carries
            long from = System.currentTimeMillis();
            long to = from + 5_000;
            sleep(6_000);
            long inWindow = coap.received().stream().map(r -> tsOf(r.payload())).filter(ts -> ts != null && ts >= from && ts < to).count();
            double rate = inWindow / 5.0;

            assertThat(rate).isBetween(180.0, 220.0);
        }
    }

    private static Long tsOf(String payload) {
        try {
            Object ts = new JsonObject(payload).getValue("ts");
            return ts instanceof Number n ? n.longValue() : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (java.io.IOException e) {
            // the process ended
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
