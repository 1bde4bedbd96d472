package io.parkops.adapters.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.model.Addresses;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.IngestGate;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge's hand-off with an in-process sink on the event bus (standing in for twins and writer):
 * every message ends once, permits always come back, the gate and the rate hold messages instead
 * of losing them, and only an abusive device is refused.
 */
@Timeout(30)
class HandOffTest {

    private static final ThingId DEVICE = ThingId.of("nanan", "iaq-0001");

    private Vertx vertx;
    private Context context;
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<Telemetry> arrived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBus() {
        vertx = Vertx.vertx();
        LocalCodec.registerAll(vertx);
        context = vertx.getOrCreateContext();
        // the sink: takes every message, gives its permit back and ends it as stored
        vertx.eventBus().<Telemetry>localConsumer(Addresses.TELEMETRY, m -> {
            arrived.add(m.body());
            m.body().context().releasePermit();
            m.body().context().stored();
        });
    }

    @AfterEach
    void stopBus() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aMessageGoesOnAndIsAnsweredOnceStored() {
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 0, 1), IngestGate.unbounded());
        HandOff handOff = new HandOff(context, ingest, "test");

        handOff.offer(checked(ingest, handOff, 1));

        await(() -> answers.size() == 1);
        assertThat(answers).containsExactly("stored 1");
        assertThat(handOff.waiting()).isZero();
        assertThat(ingest.gate().inFlight()).isZero();
    }

    @Test
    void whileTheGateIsShutMessagesWaitInOrderAndAreNotRefused() {
        IngestGate gate = new IngestGate(1, 1);
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 0, 1), gate);
        HandOff handOff = new HandOff(context, ingest, "test");
        assertThat(gate.tryEnter()).isNull(); // someone else holds the only permit

        for (int i = 1; i <= 5; i++) {
            handOff.offer(checked(ingest, handOff, i));
        }
        sleep(300);
        assertThat(answers).isEmpty();
        assertThat(handOff.waiting()).isEqualTo(5);

        gate.leave();
        await(() -> answers.size() == 5);
        assertThat(answers).containsExactly("stored 1", "stored 2", "stored 3", "stored 4", "stored 5");
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void aDeviceOverItsRateIsPacedNotRefused() {
        // 20 a second, a burst of 5: 25 messages at once take about a second and all are stored
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 20, 5), IngestGate.unbounded());
        HandOff handOff = new HandOff(context, ingest, "test");
        long start = System.nanoTime();

        for (int i = 1; i <= 25; i++) {
            handOff.offer(checked(ingest, handOff, i));
        }

        await(() -> answers.size() == 25);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answers).allMatch(a -> a.startsWith("stored"));
        assertThat(tookMillis).as("20 messages over the burst at 20/s").isGreaterThanOrEqualTo(800);
        assertThat(arrived).extracting(t -> t.features().get("environment").get("co2"))
                .as("in the device's order").isSorted();
    }

    @Test
    void onlyADeviceFarAheadOfItsRateIsRefused() {
        // 1 a second, burst 1, at most 2 s of pacing: the first goes at once, two wait, the rest are refused
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 1, 1, Duration.ofSeconds(2)), IngestGate.unbounded());
        HandOff handOff = new HandOff(context, ingest, "test");

        for (int i = 1; i <= 5; i++) {
            handOff.offer(checked(ingest, handOff, i));
        }

        await(() -> answers.size() == 5);
        assertThat(answers).filteredOn(a -> a.startsWith("stored")).hasSize(3);
        assertThat(answers).filteredOn(a -> a.startsWith("rate_limited")).hasSize(2)
                .allMatch(a -> a.contains("ahead of its rate"));
        assertThat(handOff.waiting()).isZero();
    }

    @Test
    void bestEffortMessagesAreRefusedWhenThereIsNoRoom() {
        IngestGate gate = new IngestGate(1, 1);
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 0, 1), gate);
        HandOff handOff = new HandOff(context, ingest, "test");
        gate.tryEnter();

        Telemetry t = ingest.check(Transport.MQTT, Channel.TELEMETRY, "nanan", "iaq-0001", TelemetryIngest.FORMAT_JSON,
                "{\"co2\":1}".getBytes(StandardCharsets.UTF_8), 1000, IngestContext.bestEffort(System.nanoTime()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handOff.offerNow(t))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.OVERLOADED));
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void aMessageWhoseEdgeGaveUpIsNotHandedOnAndItsPermitIsNotTaken() {
        IngestGate gate = new IngestGate(1, 1);
        TelemetryIngest ingest = ingest(new IngestLimits(65536, 0, 1), gate);
        HandOff handOff = new HandOff(context, ingest, "test");
        gate.tryEnter();
        boolean[] gaveUp = {false};
        IngestContext message = handOff.contextFor(Transport.MQTT, new IngestContext.Answer() {
            @Override
            public void stored() {
                answers.add("stored");
            }

            @Override
            public void refused(Rejection reason, String text) {
                answers.add(reason.label());
            }

            @Override
            public boolean gaveUp() {
                return gaveUp[0];
            }
        });
        handOff.offer(check(ingest, 1, message));
        sleep(100);
        gaveUp[0] = true; // the device was told to send again
        gate.leave();
        await(() -> handOff.waiting() == 0 && gate.inFlight() == 0); // its next retry let it go

        assertThat(arrived).isEmpty();
        assertThat(answers).isEmpty();
        assertThat(gate.inFlight()).isZero();
        assertThat(handOff.waiting()).isZero();
    }

    private Telemetry checked(TelemetryIngest ingest, HandOff handOff, int n) {
        return check(ingest, n, handOff.contextFor(Transport.MQTT, new IngestContext.Answer() {
            @Override
            public void stored() {
                answers.add("stored " + n);
            }

            @Override
            public void refused(Rejection reason, String text) {
                answers.add(reason.label() + " " + n + ": " + text);
            }
        }));
    }

    private static Telemetry check(TelemetryIngest ingest, int n, IngestContext context) {
        return ingest.check(Transport.MQTT, Channel.TELEMETRY, "nanan", "iaq-0001", TelemetryIngest.FORMAT_JSON,
                ("{\"co2\":" + n + "}").getBytes(StandardCharsets.UTF_8), 1000, context);
    }

    private static TelemetryIngest ingest(IngestLimits limits, IngestGate gate) {
        DeviceRegistry registry = new DeviceRegistry();
        registry.addTenant("nanan");
        registry.add(new Device(DEVICE, "iaq-sensor", Map.of()));
        return new TelemetryIngest(registry, DeviceTypeCatalog.builtin(), new IngestMetrics(new SimpleMeterRegistry()), limits, gate);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
