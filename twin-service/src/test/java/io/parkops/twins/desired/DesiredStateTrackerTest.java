package io.parkops.twins.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.Telemetry;
import io.parkops.model.Transport;
import io.parkops.model.command.CommandState;
import io.parkops.model.command.CommandUpdate;
import io.parkops.model.command.DeviceCommand;
import io.parkops.twins.TestTypes;
import io.parkops.twins.store.Preconditions;
import io.parkops.twins.store.TwinStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's decisions with a controlled clock and no network. */
@Timeout(30)
class DesiredStateTrackerTest {

    private static final JsonPointer SETPOINT = JsonPointer.of("/features/loop/desiredProperties/setpoint");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final TwinStore store = new TwinStore(TestTypes.TYPES);
    private final BlockingQueue<DeviceCommand> sent = new LinkedBlockingQueue<>();
    private final Device hvac = TestTypes.hvac("xinshengli", "hvac-1", "h1");
    private final DesiredStateTracker tracker = new DesiredStateTracker(store, new TypeCommands(TestTypes.TYPES), sent::add,
            clock::get, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        tracker.close();
    }

    @Test
    void aDesiredSetpointBecomesOneCommandAndAFailedAnswerIsRecorded() throws Exception {
        store.create(hvac, clock.get());
        store.put(hvac.id(), SETPOINT, JsonValue.of(24.0), Preconditions.NONE, clock.get(), "http");
        DeviceCommand command = sent.poll(5, TimeUnit.SECONDS);
        assertThat(command.name()).isEqualTo("setSetpoint");
        assertThat(command.payload()).isEqualTo("{\"setpoint\":24.0}");
        tracker.onUpdate(new CommandUpdate(hvac.id(), command.reqId(), CommandState.SENT, 0, "test"));
        tracker.onUpdate(CommandUpdate.answered(hvac.id(), command.reqId(), 400, "MQTT"));
        awaitState(s -> s.state() == CommandState.FAILED);
        assertThat(sent).isEmpty();
    }

    @Test
    void aSilentDeviceIsAskedAgainWhenItReportsAndTheCommandExpiresAfterItsTtl() throws Exception {
        store.create(hvac, clock.get());
        store.put(hvac.id(), SETPOINT, JsonValue.of(19.0), Preconditions.NONE, clock.get(), "ws");
        String reqId = sent.poll(5, TimeUnit.SECONDS).reqId();
        clock.addAndGet(3_000);
        report(22.0);
        DeviceCommand again = sent.poll(5, TimeUnit.SECONDS);
        assertThat(again.reqId()).isEqualTo(reqId);
        awaitState(s -> s.attempts() == 2 && !s.converged());

        clock.addAndGet(Duration.ofMinutes(11).toMillis());
        awaitState(s -> s.state() == CommandState.EXPIRED);
        report(22.0);
        assertThat(sent.poll(300, TimeUnit.MILLISECONDS)).as("no retries after expiry").isNull();
    }

    @Test
    void convergesWhenTheReportedValueIsWithinTolerance() throws Exception {
        store.create(hvac, clock.get());
        store.merge(hvac.id(), JsonPointer.of("/features/loop"),
                org.eclipse.ditto.json.JsonObject.of("{\"desiredProperties\":{\"setpoint\":23.0}}"),
                Preconditions.NONE, clock.get(), "http");
        sent.poll(5, TimeUnit.SECONDS);
        report(22.5);
        awaitState(s -> !s.converged() && s.reported() != null);
        report(23.05);
        DesiredState state = awaitState(DesiredState::converged);
        assertThat(state.setBy()).isEqualTo("http");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String shown = "";
        while (!shown.contains("\"converged\":true") && System.nanoTime() < deadline) {
            Thread.sleep(20); // the twin's metadata is written just after the tracker's own state
            shown = store.find(hvac.id()).orElseThrow().getMetadata().orElseThrow().getValue(SETPOINT).orElseThrow().toString();
        }
        assertThat(shown).contains("\"converged\":true").contains("\"setBy\":\"http\"").contains("\"reported\":23.05");
    }

    @Test
    void aNewTrackerPicksUpUnansweredCommandsFromTheTwin() throws Exception {
        store.create(hvac, clock.get());
        store.put(hvac.id(), SETPOINT, JsonValue.of(20.5), Preconditions.NONE, clock.get(), "http");
        String reqId = sent.poll(5, TimeUnit.SECONDS).reqId();
        awaitState(s -> s.state() == CommandState.PENDING);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!metadataOf(SETPOINT).contains(reqId) && System.nanoTime() < deadline) {
            Thread.sleep(20); // the metadata write follows the tracker's own state
        }
        assertThat(metadataOf(SETPOINT)).contains(reqId);
        tracker.close(); // as if the platform stopped

        BlockingQueue<DeviceCommand> resent = new LinkedBlockingQueue<>();
        try (DesiredStateTracker restarted = new DesiredStateTracker(store, new TypeCommands(TestTypes.TYPES), resent::add,
                clock::get, Duration.ofSeconds(2))) {
            clock.addAndGet(3_000);
            Thread.sleep(200);
            report(22.0);
            DeviceCommand again = resent.poll(5, TimeUnit.SECONDS);
            assertThat(again).isNotNull();
            assertThat(again.reqId()).isEqualTo(reqId);
            assertThat(again.payload()).isEqualTo("{\"setpoint\":20.5}");
        }
    }

    private void report(double setpoint) {
        store.apply(new Telemetry(hvac, Channel.TELEMETRY, Transport.MQTT, clock.get(), clock.get(),
                Map.of("loop", Map.of("setpoint", setpoint))), clock.get());
    }

    private DesiredState awaitState(Predicate<DesiredState> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<DesiredState> states = tracker.states();
            if (!states.isEmpty() && done.test(states.get(0))) {
                return states.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("state not reached: " + tracker.states());
    }

    /** The twin's metadata of {@code pointer} as text, empty before there is any. */
    private String metadataOf(org.eclipse.ditto.json.JsonPointer pointer) {
        return store.find(hvac.id()).flatMap(t -> t.getMetadata()).flatMap(m -> m.getValue(pointer)).map(Object::toString).orElse("");
    }
}
