package io.parkops.twins;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Addresses;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Rejection;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.TwinChange;
import io.parkops.model.bus.LocalCodec;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.IngestGate;
import io.parkops.twins.store.TwinStore;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real twin verticle and store on a real event bus, with an in-process stand-in for the writer. */
@Timeout(30)
class TwinVerticleTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aTwinUpdateThatThrowsRefusesItsMessageReturnsThePermitAndTheNextFlows() throws Exception {
        LocalCodec.registerAll(vertx);
        TwinStore store = new TwinStore(TestTypes.TYPES);
        Device hvac = TestTypes.hvac("nanan", "hvac-1", "b1");
        store.create(hvac, 1);
        vertx.deployVerticle(new TwinVerticle(store)).await(10, TimeUnit.SECONDS);
        // the writer's part: take the change, give the permit back, end it stored
        vertx.eventBus().<TwinChange>localConsumer(Addresses.TWIN_CHANGED, m -> {
            m.body().context().releasePermit();
            m.body().context().stored();
        });
        IngestGate gate = new IngestGate(10, 1);
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();

        // Ditto refuses a feature id with a slash: the store throws inside its update
        vertx.eventBus().send(Addresses.TELEMETRY, telemetry(hvac, Map.of("loop/broken", Map.of("setpoint", 21.0)), gate, answers));
        assertThat(answers.poll(10, TimeUnit.SECONDS)).startsWith("not_stored: the twin of nanan:hvac-1 could not be updated");
        assertThat(gate.inFlight()).as("permit returned").isZero();

        vertx.eventBus().send(Addresses.TELEMETRY, telemetry(hvac, Map.of("loop", Map.of("setpoint", 22.5)), gate, answers));
        assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("stored");
        assertThat(gate.inFlight()).isZero();
        assertThat(store.find(hvac.id()).orElseThrow().getFeatures().orElseThrow().getFeature("loop").orElseThrow()
                .getProperty("setpoint").orElseThrow().asDouble()).isEqualTo(22.5);
        assertThat(answers).isEmpty();
    }

    private static Telemetry telemetry(Device device, Map<String, Map<String, Object>> features, IngestGate gate,
                                       BlockingQueue<String> answers) {
        assertThat(gate.tryEnter()).isNull();
        IngestContext context = IngestContext.of(System.nanoTime(), new IngestContext.Answer() {
            @Override
            public void stored() {
                answers.add("stored");
            }

            @Override
            public void refused(Rejection reason, String text) {
                answers.add(reason.label() + ": " + text);
            }
        }).holding(gate);
        return new Telemetry(device, Channel.TELEMETRY, Transport.MQTT, 1_000, 1_000, features, context);
    }

}
