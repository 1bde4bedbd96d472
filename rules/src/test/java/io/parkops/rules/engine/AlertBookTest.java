package io.parkops.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertEvent;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import io.parkops.rules.engine.condition.Compare;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The alert lifecycle: raise, escalate, de-escalate, ack with who and note, clear by condition and by hand. */
class AlertBookTest {

    private static final Rule CO2 = new Rule("co2", null, "iaq-sensor", null, null, null, "CO2", List.of(
            Level.immediate(Severity.MAJOR, Compare.of("environment.co2", Compare.Kind.AT_LEAST, 2500)),
            Level.immediate(Severity.WARNING, Compare.of("environment.co2", Compare.Kind.ABOVE, 1000))));
    private static final Device IAQ = Fixtures.device("iaq-sensor", "iaq-1");

    private final AtomicInteger ids = new AtomicInteger();
    private final AlertBook book = new AlertBook(2, () -> "a" + ids.incrementAndGet());

    private static RuleOutcome outcome(Severity severity, double value) {
        return new RuleOutcome(CO2, IAQ, severity, value, severity == Severity.MAJOR ? 2500 : 1000, "CO2", 0);
    }

    @Test
    void fullLifecycleKeepsEveryChangeWithItsTime() {
        Alert raised = book.apply(outcome(Severity.WARNING, 1200), 10).orElseThrow();
        assertThat(raised.state()).isEqualTo(AlertState.ACTIVE_UNACK);
        Alert acked = book.acknowledge("a1", "li.wei", "window opened", 20).orElseThrow();
        assertThat(acked.state()).isEqualTo(AlertState.ACTIVE_ACK);
        Alert escalated = book.apply(outcome(Severity.MAJOR, 2600), 30).orElseThrow();
        assertThat(escalated.id()).isEqualTo("a1");
        assertThat(escalated.severity()).isEqualTo(Severity.MAJOR);
        assertThat(escalated.state()).as("escalation needs a new acknowledgement").isEqualTo(AlertState.ACTIVE_UNACK);
        book.acknowledge("a1", "zhang.min", "fan on", 40);
        Alert down = book.apply(outcome(Severity.WARNING, 1500), 50).orElseThrow();
        assertThat(down.state()).as("de-escalation keeps the acknowledgement").isEqualTo(AlertState.ACTIVE_ACK);
        assertThat(book.apply(outcome(Severity.WARNING, 1400), 55)).isEmpty();
        Alert cleared = book.apply(outcome(null, 800), 60).orElseThrow();
        assertThat(cleared.state()).isEqualTo(AlertState.CLEARED_ACK);
        assertThat(cleared.value()).isEqualTo(800);
        assertThat(cleared.history()).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.RAISED,
                AlertEvent.Kind.ACKNOWLEDGED, AlertEvent.Kind.ESCALATED, AlertEvent.Kind.ACKNOWLEDGED,
                AlertEvent.Kind.DEESCALATED, AlertEvent.Kind.CLEARED);
        assertThat(cleared.history()).extracting(AlertEvent::at).containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
        assertThat(cleared.history().get(1).by()).isEqualTo("li.wei");
        assertThat(cleared.history().get(1).note()).isEqualTo("window opened");
        assertThat(book.get("a1")).as("closed alerts stay queryable").contains(cleared);
        assertThat(book.apply(outcome(Severity.WARNING, 1200), 70).orElseThrow().id()).isEqualTo("a2");
    }

    @Test
    void clearByHand() {
        book.apply(outcome(Severity.WARNING, 1200), 10);
        Alert cleared = book.clearByHand("a1", "li.wei", "sensor replaced", 20).orElseThrow();
        assertThat(cleared.state()).isEqualTo(AlertState.CLEARED_UNACK);
        assertThat(cleared.history().get(1).kind()).isEqualTo(AlertEvent.Kind.CLEARED_BY_HAND);
        assertThat(cleared.history().get(1).by()).isEqualTo("li.wei");
        assertThat(book.active(IAQ.id(), "co2")).isEmpty();
        assertThat(book.clearByHand("a1", "x", null, 30)).as("already cleared").isEmpty();
        assertThat(book.apply(outcome(null, 800), 40)).as("nothing left to clear").isEmpty();
    }

    @Test
    void secondAckKeepsTheFirstAuthor() {
        book.apply(outcome(Severity.WARNING, 1200), 10);
        book.acknowledge("a1", "first", "n1", 20);
        assertThat(book.acknowledge("a1", "second", "n2", 30)).isEmpty();
        assertThat(book.get("a1").orElseThrow().ackedBy()).isEqualTo("first");
    }

    @Test
    void keepsOnlyTheNewestClosedAlerts() {
        for (int i = 0; i < 3; i++) {
            book.apply(outcome(Severity.WARNING, 1200), i * 10);
            book.apply(outcome(null, 800), i * 10 + 5);
        }
        assertThat(book.all()).extracting(Alert::id).containsExactlyInAnyOrder("a2", "a3");
        assertThat(book.drainEvicted()).as("so the store file forgets it too").extracting(Alert::id).containsExactly("a1");
        assertThat(book.drainEvicted()).isEmpty();
    }

    @Test
    void putRestoresActiveAndClosedAlerts() {
        Alert a = book.apply(outcome(Severity.WARNING, 1200), 10).orElseThrow();
        AlertBook other = new AlertBook(10, () -> "b");
        other.put(a);
        assertThat(other.active(IAQ.id(), "co2")).contains(a);
        assertThat(other.apply(outcome(null, 800), 20).orElseThrow().id()).isEqualTo("a1");
    }
}
