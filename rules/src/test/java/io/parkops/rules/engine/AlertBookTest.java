package io.parkops.rules.engine;

import static io.parkops.rules.engine.Fixtures.CO2_HIGH;
import static io.parkops.rules.engine.Fixtures.VOLTAGE_LOW;
import static io.parkops.rules.engine.Fixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.model.Alert;
import io.parkops.model.AlertState;
import io.parkops.model.Device;
import io.parkops.model.Severity;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private final AtomicInteger ids = new AtomicInteger();
    private final AlertBook book = new AlertBook(AlertBook.DEFAULT_MAX_CLOSED, () -> "a" + ids.incrementAndGet());
    private final Device iaq = Fixtures.iaq("nanan", "iaq-1");

    @Test
    void breachRaisesAnUnacknowledgedAlert() {
        Alert raised = book.apply(outcome(CO2_HIGH, iaq, 1200), 100).orElseThrow();
        assertThat(raised.id()).isEqualTo("a1");
        assertThat(raised.state()).isEqualTo(AlertState.ACTIVE_UNACK);
        assertThat(raised.device()).isEqualTo(iaq);
        assertThat(raised.ruleId()).isEqualTo("iaq-co2-high");
        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.value()).isEqualTo(1200);
        assertThat(raised.threshold()).isEqualTo(1000);
        assertThat(raised.message()).isEqualTo("CO2 above 1000 ppm: ventilate the zone");
        assertThat(raised.raisedAt()).isEqualTo(100);
        assertThat(raised.updatedAt()).isEqualTo(100);
        assertThat(raised.ackedBy()).isNull();
    }

    @Test
    void furtherBreachesWhileActiveRaiseNothing() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        assertThat(book.apply(outcome(CO2_HIGH, iaq, 1500), 200)).isEmpty();
        assertThat(book.all()).hasSize(1);
    }

    @Test
    void normalValueWithoutAlertDoesNothing() {
        assertThat(book.apply(outcome(CO2_HIGH, iaq, 500), 100)).isEmpty();
        assertThat(book.all()).isEmpty();
    }

    @Test
    void normalValueClearsTheActiveAlert() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        Alert cleared = book.apply(outcome(CO2_HIGH, iaq, 800), 200).orElseThrow();
        assertThat(cleared.id()).isEqualTo("a1");
        assertThat(cleared.state()).isEqualTo(AlertState.CLEARED_UNACK);
        assertThat(cleared.value()).isEqualTo(800);
        assertThat(cleared.raisedAt()).isEqualTo(100);
        assertThat(cleared.updatedAt()).isEqualTo(200);
        assertThat(book.apply(outcome(CO2_HIGH, iaq, 700), 300)).isEmpty();
    }

    @Test
    void breachAfterClearRaisesANewAlertAndKeepsTheOldOne() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        book.apply(outcome(CO2_HIGH, iaq, 800), 200);
        Alert second = book.apply(outcome(CO2_HIGH, iaq, 1300), 300).orElseThrow();
        assertThat(second.id()).isEqualTo("a2");
        assertThat(second.state()).isEqualTo(AlertState.ACTIVE_UNACK);
        assertThat(book.get("a1").orElseThrow().state()).isEqualTo(AlertState.CLEARED_UNACK);
        assertThat(book.active(iaq.id(), CO2_HIGH.id())).contains(second);
    }

    @Test
    void ackBeforeClearThenClearGivesClearedAck() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        Alert acked = book.acknowledge("a1", "crew-7", "window opened", 150).orElseThrow();
        assertThat(acked.state()).isEqualTo(AlertState.ACTIVE_ACK);
        assertThat(acked.ackedBy()).isEqualTo("crew-7");
        assertThat(acked.ackNote()).isEqualTo("window opened");
        assertThat(acked.updatedAt()).isEqualTo(150);
        Alert cleared = book.apply(outcome(CO2_HIGH, iaq, 900), 200).orElseThrow();
        assertThat(cleared.state()).isEqualTo(AlertState.CLEARED_ACK);
        assertThat(cleared.ackedBy()).isEqualTo("crew-7");
    }

    @Test
    void ackAfterClearGivesClearedAck() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        book.apply(outcome(CO2_HIGH, iaq, 900), 200);
        Alert acked = book.acknowledge("a1", "crew-7", null, 300).orElseThrow();
        assertThat(acked.state()).isEqualTo(AlertState.CLEARED_ACK);
        assertThat(acked.value()).isEqualTo(900);
    }

    @Test
    void secondAckAndUnknownIdMakeNoTransition() {
        book.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        book.acknowledge("a1", "first", "n1", 150);
        assertThat(book.acknowledge("a1", "second", "n2", 160)).isEmpty();
        assertThat(book.get("a1").orElseThrow().ackedBy()).isEqualTo("first");
        assertThat(book.acknowledge("nope", "x", null, 1)).isEmpty();
    }

    @Test
    void alertsAreKeptPerThingAndRule() {
        Device other = Fixtures.iaq("nanan", "iaq-2");
        Device meter = Fixtures.meter("nanan", "m1");
        List<Alert> raised = book.applyAll(List.of(outcome(CO2_HIGH, iaq, 1200), outcome(CO2_HIGH, other, 1200),
                outcome(VOLTAGE_LOW, meter, 190)), 100);
        assertThat(raised).extracting(Alert::id).containsExactly("a1", "a2", "a3");
        List<Alert> cleared = book.applyAll(List.of(outcome(CO2_HIGH, other, 600)), 200);
        assertThat(cleared).extracting(Alert::id).containsExactly("a2");
        assertThat(book.active(iaq.id(), CO2_HIGH.id())).isPresent();
        assertThat(book.active(meter.id(), VOLTAGE_LOW.id())).isPresent();
    }

    @Test
    void keepsOnlyTheNewestClosedAlerts() {
        AlertBook small = new AlertBook(2, () -> "c" + ids.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            small.apply(outcome(CO2_HIGH, iaq, 1200), i * 10);
            small.apply(outcome(CO2_HIGH, iaq, 800), i * 10 + 5);
        }
        small.apply(outcome(CO2_HIGH, iaq, 1200), 100);
        assertThat(small.all()).extracting(Alert::id).containsExactlyInAnyOrder("c2", "c3", "c4");
        assertThat(small.get("c1")).isEmpty();
        assertThat(small.acknowledge("c1", "x", null, 200)).isEmpty();
    }
}
